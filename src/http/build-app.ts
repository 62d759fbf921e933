import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { Services } from '../app/services.ts';
import { authenticator } from './plugins/authentication.ts';
import { registerErrorHandling } from './plugins/errors.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { consentRoutes } from './routes/consents.ts';
import { datasetRoutes } from './routes/datasets.ts';
import { directoryRoutes } from './routes/directory.ts';
import { healthRoutes } from './routes/health.ts';
import { publicationRoutes } from './routes/publication.ts';
import { sharingPolicyRoutes } from './routes/sharing-policy.ts';
import { sharingRoutes } from './routes/sharing.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { bulletinRoutes } from './routes/bulletins.ts';
import { caseRoutes } from './routes/cases.ts';
import { exchangeRoutes } from '../gateway/exchange-routes.ts';
import { datasetProxyRoutes } from './routes/dataset-proxy.ts';
import { alertRoutes } from './routes/alerts.ts';
import { transparencyRoutes } from './routes/transparency.ts';
import { citizenRoutes } from './routes/citizen.ts';
import { holdBackRoutes } from './routes/hold-backs.ts';
import { leakTraceRoutes } from './routes/leak-traces.ts';
import { complaintRoutes } from './routes/complaints.ts';

export interface HttpOptions {
  services: Services;
  /** A pino logger, or false for none (tests). */
  logger: FastifyBaseLogger | false;
  /** The largest request body accepted, in bytes. */
  bodyLimit: number;
  /** Request ids come from the injected generator, so logs and audit agree. */
  nextRequestId: () => string;
  /** Load balancers whose X-Forwarded-For is believed, so audit records the caller's address. */
  trustProxy?: string[] | undefined;
  /** The largest dataset file a provider may upload, in bytes (routes/datasets.ts has the default). */
  datasetUploadBytes?: number | undefined;
}

/**
 * Two validators: bodies are strict (a wrong type is an error, never coerced; unknown fields
 * are refused, never stripped), while query strings and path parameters, which arrive as text,
 * are coerced to their declared types.
 */
function validators() {
  const options = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false } as const;
  const strict = addFormats.default(new Ajv({ ...options, coerceTypes: false }));
  const coercing = addFormats.default(new Ajv({ ...options, coerceTypes: 'array' }));
  return ({ schema, httpPart }: { schema: object; httpPart?: string }) => (httpPart === 'body' ? strict : coercing).compile(schema);
}

/**
 * Behind a load balancer that is not in `trustProxy`, every caller seems to come from the balancer:
 * the audit log records its address, and the limits on the public doors (public-limits.ts) count
 * all citizens as one. The first forwarded request says so in the log, once; the forwarded
 * address itself is not logged (it is a citizen's).
 */
function warnOnceBehindProxy(app: FastifyInstance): void {
  let warned = false;
  app.addHook('onRequest', async (request) => {
    if (warned || request.headers['x-forwarded-for'] === undefined) return;
    warned = true;
    request.log.warn(
      '请求带有 X-Forwarded-For，但未配置 trustProxy：审计与公开入口限流将把所有调用方记为代理的地址，请把负载均衡器的地址加入 CUSTOS_TRUST_PROXY / a request carries X-Forwarded-For but trustProxy is not set: audit and the public limits will see every caller as the proxy; add the load balancer to CUSTOS_TRUST_PROXY',
    );
  });
}

export async function buildHttpApp(options: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: options.bodyLimit,
    genReqId: options.nextRequestId,
    ...(options.trustProxy && options.trustProxy.length > 0 ? { trustProxy: options.trustProxy } : {}),
  });
  app.setValidatorCompiler(validators());
  // Clients often send `content-type: application/json` with no body on actions such as publish;
  // an empty body then means "no body", not malformed JSON. Non-empty bodies keep Fastify's
  // parser, with its protection against prototype poisoning.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') done(null, undefined);
    else parseJson(request, body as string, done);
  });
  app.decorateRequest('principal', null);
  registerErrorHandling(app);
  if (!options.trustProxy || options.trustProxy.length === 0) warnOnceBehindProxy(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Custos 政务数据共享安全监管平台 API', version: '1', description: '政务数据共享、目录、审批与监管接口 / government data sharing with supervision' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  const authenticate = authenticator(options.services);
  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(authRoutes(options.services, authenticate));
      await api.register(directoryRoutes(options.services, authenticate));
      await api.register(catalogRoutes(options.services, authenticate));
      await api.register(auditRoutes(options.services, authenticate));
      await api.register(sharingRoutes(options.services, authenticate));
      await api.register(sharingPolicyRoutes(options.services, authenticate));
      await api.register(consentRoutes(options.services, authenticate));
      await api.register(webhookRoutes(options.services, authenticate));
      await api.register(bulletinRoutes(options.services, authenticate));
      await api.register(caseRoutes(options.services, authenticate));
      await api.register(publicationRoutes(options.services, authenticate));
      await api.register(datasetRoutes(options.services, authenticate, { maxUploadBytes: options.datasetUploadBytes }));
      await api.register(datasetProxyRoutes(options.services, authenticate));
      await api.register(alertRoutes(options.services, authenticate));
      await api.register(transparencyRoutes(options.services));
      await api.register(citizenRoutes(options.services));
      await api.register(holdBackRoutes(options.services, authenticate));
      await api.register(leakTraceRoutes(options.services, authenticate));
      await api.register(complaintRoutes(options.services, authenticate));
      await api.register(exchangeRoutes(options.services.exchange));
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: '/api/v1' },
  );
  return app;
}
