import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app/services.ts';
import { citizenAuthenticator, citizenOf } from '../plugins/citizen-authentication.ts';
import { publicDoor } from '../plugins/public-door.ts';
import { ErrorSchema, ERROR_RESPONSES, PUBLIC_ERROR_RESPONSES } from '../schemas/common.ts';
import { CitizenConsentParams, CitizenLoginSchema, DemoLoginSchema, OidcCallbackSchema, OidcStartSchema, SubjectConsentSchema, SubjectNoticeSchema, UsagePageSchema, UsageQuerySchema } from '../schemas/citizen.ts';

const TAGS = ['citizen'];
/** The identity service may be down: that is its failure, not the caller's. */
const RESPONSES = { ...ERROR_RESPONSES, 502: ErrorSchema } as const;
/** The logins take no token and are limited per source address. */
const LOGIN_RESPONSES = { ...PUBLIC_ERROR_RESPONSES, 502: ErrorSchema } as const;

/**
 * The citizen view (公民查询, issue #8 §4) under /api/v1/citizen: logins through the identity
 * service or the demo provider, then the subject's own accesses, notices and consents. Nothing
 * here takes a subject identifier in a URL or a parameter: the session decides whose record is read.
 */
export function citizenRoutes(services: Services): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.decorateRequest('citizen', null);
    const limited = publicDoor(services.publicLimits, 'citizen-login');

    app.post(
      '/citizen/login/demo',
      { ...limited, schema: { tags: TAGS, summary: '演示地区的主体登录 / sign in as a demo-region subject', security: [], body: DemoLoginSchema, response: { 201: CitizenLoginSchema, ...LOGIN_RESPONSES } } },
      async (request, reply) => reply.status(201).send(await services.citizenAuth.demoLogin(request.body.login)),
    );
    app.post(
      '/citizen/login/oidc',
      { ...limited, schema: { tags: TAGS, summary: '发起统一身份认证登录（授权码 + PKCE）/ start an OIDC login (code flow with PKCE)', security: [], response: { 201: OidcStartSchema, ...LOGIN_RESPONSES } } },
      async (_request, reply) => reply.status(201).send(await services.citizenAuth.startOidc()),
    );
    app.post(
      '/citizen/login/oidc/callback',
      { ...limited, schema: { tags: TAGS, summary: '以授权码完成登录 / finish the login with the code', security: [], body: OidcCallbackSchema, response: { 201: CitizenLoginSchema, ...LOGIN_RESPONSES } } },
      async (request, reply) => reply.status(201).send(await services.citizenAuth.finishOidc(request.body)),
    );

    await app.register(async (scoped) => {
      const citizen = scoped.withTypeProvider<TypeBoxTypeProvider>();
      // Authentication first, so an anonymous caller learns nothing from validation errors.
      citizen.addHook('onRequest', citizenAuthenticator(services));
      citizen.post('/citizen/logout', { schema: { tags: TAGS, summary: '退出登录 / sign out', response: { 204: Type.Null(), ...RESPONSES } } }, async (request, reply) => {
        await services.citizenAuth.logout(citizenOf(request));
        return reply.status(204).send(null);
      });
      citizen.get(
        '/citizen/usage',
        { schema: { tags: TAGS, summary: '谁在何时、为何使用了我的数据（新的在前）/ who used my data, when and why (newest first)', querystring: UsageQuerySchema, response: { 200: UsagePageSchema, ...RESPONSES } } },
        async (request) => services.citizenView.usage(citizenOf(request), request.query),
      );
      citizen.get(
        '/citizen/notices',
        { schema: { tags: TAGS, summary: '向我告知的事项 / the notices given to me', response: { 200: Type.Object({ notices: Type.Array(SubjectNoticeSchema) }), ...RESPONSES } } },
        async (request) => ({ notices: await services.citizenView.notices(citizenOf(request)) }),
      );
      citizen.get(
        '/citizen/consents',
        { schema: { tags: TAGS, summary: '我的个人同意 / my consents', response: { 200: Type.Object({ consents: Type.Array(SubjectConsentSchema) }), ...RESPONSES } } },
        async (request) => ({ consents: await services.citizenView.consentsOf(citizenOf(request)) }),
      );
      citizen.post(
        '/citizen/consents/:id/withdraw',
        { schema: { tags: TAGS, summary: '撤回我的一项同意（即时生效）/ withdraw one of my consents, now', params: CitizenConsentParams, response: { 200: SubjectConsentSchema, ...RESPONSES } } },
        async (request) => services.citizenView.withdrawConsent(citizenOf(request), request.params.id),
      );
    });
  };
}
