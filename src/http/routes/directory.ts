import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app/services.ts';
import { ORGANISATION_KINDS, ROLES } from '../../core/identity/roles.ts';
import { PERSON_STATUSES } from '../../core/identity/person.ts';
import { principalOf, type Authenticate } from '../plugins/authentication.ts';
import { Cursor, ERROR_RESPONSES, Id, Limit, literals, Text } from '../schemas/common.ts';
import {
  CredentialInputSchema,
  CredentialSchema,
  EnrolmentSchema,
  LegalBasisInputSchema,
  LegalBasisSchema,
  OrganisationInputSchema,
  OrganisationSchema,
  PersonDetailSchema,
  PersonInputSchema,
  PersonSchema,
  RegionCode,
  RegionSchema,
  RegionSettingsSchema,
  ScheduleSchema,
  TimeLimitsSchema,
  TrainingSchema,
  WorkingHoursSchema,
  ContractSchema,
} from '../schemas/directory.ts';

const NextCursor = Type.Union([Type.String(), Type.Null()]);

/** Regions, organisations, people, credentials and legal bases: who is who. */
export function directoryRoutes(services: Services, authenticate: Authenticate): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    // Authentication comes first, so an anonymous caller learns nothing from validation errors.
    app.addHook('onRequest', authenticate);

    app.get('/regions', { schema: { tags: ['directory'], summary: '行政区划列表 / regions', response: { 200: Type.Object({ regions: Type.Array(RegionSchema) }), ...ERROR_RESPONSES } } }, async () => ({
      regions: await services.regions.list(),
    }));
    app.post(
      '/regions',
      {
        schema: {
          tags: ['directory'],
          summary: '登记行政区划（平台管理员）/ register a region',
          body: Type.Object({ code: RegionCode, name: Text(100), settings: Type.Optional(Type.Partial(RegionSettingsSchema, { additionalProperties: false })) }, { additionalProperties: false }),
          response: { 201: RegionSchema, ...ERROR_RESPONSES },
        },
      },
      async (request, reply) => reply.status(201).send(await services.regions.create(principalOf(request), request.body)),
    );
    app.get(
      '/regions/:code',
      { schema: { tags: ['directory'], summary: '行政区划详情 / a region', params: Type.Object({ code: RegionCode }), response: { 200: RegionSchema, ...ERROR_RESPONSES } } },
      async (request) => services.regions.get(request.params.code),
    );
    app.patch(
      '/regions/:code',
      {
        schema: {
          tags: ['directory'],
          summary: '修改区划设置：监管部门、时限、周末 / change supervisor, time limits, weekend',
          params: Type.Object({ code: RegionCode }),
          body: Type.Object(
            { name: Type.Optional(Text(100)), supervisorOrgId: Type.Optional(Type.Union([Id, Type.Null()])), settings: Type.Optional(Type.Object({ timeLimits: Type.Optional(TimeLimitsSchema), weekend: Type.Optional(RegionSettingsSchema.properties.weekend) }, { additionalProperties: false })) },
            { additionalProperties: false },
          ),
          response: { 200: RegionSchema, ...ERROR_RESPONSES },
        },
      },
      async (request) => services.regions.update(principalOf(request), request.params.code, request.body),
    );
    app.get(
      '/regions/:code/calendar',
      {
        schema: {
          tags: ['directory'],
          summary: '工作日历（节假日与调休）/ working-day calendar',
          params: Type.Object({ code: RegionCode }),
          response: { 200: Type.Object({ weekend: Type.Array(Type.Integer()), schedules: Type.Array(ScheduleSchema), missingYears: Type.Array(Type.Integer()) }), ...ERROR_RESPONSES },
        },
      },
      async (request) => ({ ...(await services.regions.calendar(request.params.code)), missingYears: await services.regions.missingScheduleYears(request.params.code) }),
    );
    app.put(
      '/regions/:code/calendar/:year',
      {
        schema: {
          tags: ['directory'],
          summary: '设置某年节假日安排 / set a year’s holiday schedule',
          params: Type.Object({ code: RegionCode, year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
          body: Type.Object({ source: ScheduleSchema.properties.source, holidays: ScheduleSchema.properties.holidays, makeUpWorkdays: ScheduleSchema.properties.makeUpWorkdays }, { additionalProperties: false }),
          response: { 204: Type.Null(), ...ERROR_RESPONSES },
        },
      },
      async (request, reply) => {
        await services.regions.putSchedule(principalOf(request), request.params.code, { year: request.params.year, ...request.body });
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/regions/:code/duties',
      {
        schema: {
          tags: ['directory'],
          summary: '本区划法定职责清单（三定职责）/ statutory duties of the region',
          params: Type.Object({ code: RegionCode }),
          response: { 200: Type.Object({ duties: Type.Array(Type.Object({ regionCode: Type.String(), code: Type.String(), name: Type.String() })) }), ...ERROR_RESPONSES },
        },
      },
      async (request) => ({ duties: await services.regions.duties(request.params.code) }),
    );
    app.put(
      '/regions/:code/duties/:duty',
      {
        schema: {
          tags: ['directory'],
          summary: '登记法定职责代码 / register a duty code',
          params: Type.Object({ code: RegionCode, duty: Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$' }) }),
          body: Type.Object({ name: Text(200) }, { additionalProperties: false }),
          response: { 204: Type.Null(), ...ERROR_RESPONSES },
        },
      },
      async (request, reply) => {
        await services.regions.putDuty(principalOf(request), { regionCode: request.params.code, code: request.params.duty, name: request.body.name });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/organisations',
      {
        schema: {
          tags: ['directory'],
          summary: '机构列表 / organisations',
          querystring: Type.Object({ regionCode: Type.Optional(RegionCode), kind: Type.Optional(literals(ORGANISATION_KINDS)), cursor: Cursor, limit: Limit }, { additionalProperties: false }),
          response: { 200: Type.Object({ organisations: Type.Array(OrganisationSchema), nextCursor: NextCursor }), ...ERROR_RESPONSES },
        },
      },
      async (request) => services.organisations.list(request.query),
    );
    app.post(
      '/organisations',
      { schema: { tags: ['directory'], summary: '登记机构（平台管理员）/ register an organisation', body: OrganisationInputSchema, response: { 201: OrganisationSchema, ...ERROR_RESPONSES } } },
      async (request, reply) => reply.status(201).send(await services.organisations.create(principalOf(request), request.body)),
    );
    app.get(
      '/organisations/:id',
      { schema: { tags: ['directory'], summary: '机构详情 / an organisation', params: Type.Object({ id: Id }), response: { 200: OrganisationSchema, ...ERROR_RESPONSES } } },
      async (request) => services.organisations.get(request.params.id),
    );
    app.patch(
      '/organisations/:id',
      {
        schema: {
          tags: ['directory'],
          summary: '修改机构 / change an organisation',
          params: Type.Object({ id: Id }),
          body: Type.Object(
            { name: Type.Optional(Text(200)), duties: Type.Optional(Type.Array(Text(64), { maxItems: 200 })), workingHours: Type.Optional(WorkingHoursSchema), contract: Type.Optional(Type.Union([ContractSchema, Type.Null()])) },
            { additionalProperties: false },
          ),
          response: { 200: OrganisationSchema, ...ERROR_RESPONSES },
        },
      },
      async (request) => services.organisations.update(principalOf(request), request.params.id, request.body),
    );

    app.get(
      '/people',
      {
        schema: {
          tags: ['directory'],
          summary: '人员列表（本机构）/ people of your organisation',
          querystring: Type.Object({ orgId: Type.Optional(Id), cursor: Cursor, limit: Limit }, { additionalProperties: false }),
          response: { 200: Type.Object({ people: Type.Array(PersonSchema), nextCursor: NextCursor }), ...ERROR_RESPONSES },
        },
      },
      async (request) => services.people.list(principalOf(request), request.query),
    );
    app.post(
      '/people',
      { schema: { tags: ['directory'], summary: '登记人员，返回初始口令与 TOTP 密钥（仅一次）/ enrol a person', body: PersonInputSchema, response: { 201: EnrolmentSchema, ...ERROR_RESPONSES } } },
      async (request, reply) => reply.status(201).send(await services.people.create(principalOf(request), request.body)),
    );
    app.get(
      '/people/:id',
      { schema: { tags: ['directory'], summary: '人员详情与培训记录 / a person and their training', params: Type.Object({ id: Id }), response: { 200: PersonDetailSchema, ...ERROR_RESPONSES } } },
      async (request) => services.people.get(principalOf(request), request.params.id),
    );
    app.patch(
      '/people/:id',
      {
        schema: {
          tags: ['directory'],
          summary: '修改人员角色或状态 / change roles or status',
          params: Type.Object({ id: Id }),
          body: Type.Object({ name: Type.Optional(Text(100)), roles: Type.Optional(Type.Array(literals(ROLES), { maxItems: 7 })), status: Type.Optional(literals(PERSON_STATUSES)) }, { additionalProperties: false }),
          response: { 200: PersonSchema, ...ERROR_RESPONSES },
        },
      },
      async (request) => services.people.update(principalOf(request), request.params.id, request.body),
    );
    app.post(
      '/people/:id/training',
      { schema: { tags: ['directory'], summary: '登记培训记录 / record training', params: Type.Object({ id: Id }), body: TrainingSchema, response: { 204: Type.Null(), ...ERROR_RESPONSES } } },
      async (request, reply) => {
        await services.people.addTraining(principalOf(request), request.params.id, request.body);
        return reply.status(204).send(null);
      },
    );

    app.get('/credentials', { schema: { tags: ['directory'], summary: '系统凭证（本部门）/ system credentials', response: { 200: Type.Object({ credentials: Type.Array(CredentialSchema) }), ...ERROR_RESPONSES } } }, async (request) => ({
      credentials: await services.credentials.list(principalOf(request)),
    }));
    app.post(
      '/credentials',
      {
        schema: {
          tags: ['directory'],
          summary: '签发系统凭证，密钥仅显示一次 / issue a system credential',
          body: CredentialInputSchema,
          response: { 201: Type.Object({ credential: CredentialSchema, secret: Type.String() }), ...ERROR_RESPONSES },
        },
      },
      async (request, reply) => reply.status(201).send(await services.credentials.create(principalOf(request), request.body)),
    );

    app.get('/legal-bases', { schema: { tags: ['directory'], summary: '法律依据库 / legal-basis registry', response: { 200: Type.Object({ legalBases: Type.Array(LegalBasisSchema) }), ...ERROR_RESPONSES } } }, async () => ({
      legalBases: await services.legalBases.list(),
    }));
    app.post(
      '/legal-bases',
      { schema: { tags: ['directory'], summary: '登记法律依据 / register a legal basis', body: LegalBasisInputSchema, response: { 201: LegalBasisSchema, ...ERROR_RESPONSES } } },
      async (request, reply) => reply.status(201).send(await services.legalBases.create(principalOf(request), request.body)),
    );
  };
}
