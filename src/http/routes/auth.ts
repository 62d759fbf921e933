import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app/services.ts';
import { principalOf, type Authenticate } from '../plugins/authentication.ts';
import { ERROR_RESPONSES, Id, Instant, Text } from '../schemas/common.ts';
import { OrganisationSchema, PersonSchema } from '../schemas/directory.ts';

const TokenSchema = Type.Object({ id: Type.String(), token: Type.String({ description: '仅显示一次 / shown once' }), expiresAt: Type.Union([Type.String(), Type.Null()]) });
const TokenInfoSchema = Type.Object({ id: Type.String(), label: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String(), expiresAt: Type.Union([Type.String(), Type.Null()]), revokedAt: Type.Union([Type.String(), Type.Null()]) });

export function authRoutes(services: Services, authenticate: Authenticate): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: '登录（口令 + 动态口令）/ log in with password and TOTP',
          body: Type.Object({ login: Text(64), password: Text(256), totp: Type.String({ pattern: '^\\d{6}$' }) }, { additionalProperties: false }),
          response: { 200: TokenSchema, ...ERROR_RESPONSES },
        },
      },
      async (request) => services.auth.login(request.body, { ip: request.ip }),
    );
    app.post('/auth/logout', { onRequest: authenticate, schema: { tags: ['auth'], summary: '退出登录 / log out', response: { 204: Type.Null(), ...ERROR_RESPONSES } } }, async (request, reply) => {
      await services.auth.logout(principalOf(request));
      return reply.status(204).send(null);
    });
    app.get(
      '/me',
      { onRequest: authenticate, schema: { tags: ['auth'], summary: '当前用户 / who am I', response: { 200: Type.Object({ person: PersonSchema, org: OrganisationSchema }), ...ERROR_RESPONSES } } },
      async (request) => {
        const principal = principalOf(request);
        return { person: principal.person, org: principal.org };
      },
    );
    app.post(
      '/me/password',
      {
        onRequest: authenticate,
        schema: {
          tags: ['auth'],
          summary: '修改本人密码 / change your password',
          body: Type.Object({ currentPassword: Text(256), newPassword: Text(256) }, { additionalProperties: false }),
          response: { 204: Type.Null(), ...ERROR_RESPONSES },
        },
      },
      async (request, reply) => {
        await services.auth.changePassword(principalOf(request), request.body.currentPassword, request.body.newPassword);
        return reply.status(204).send(null);
      },
    );
    app.get('/me/tokens', { onRequest: authenticate, schema: { tags: ['auth'], summary: '个人 API 令牌列表 / personal API tokens', response: { 200: Type.Object({ tokens: Type.Array(TokenInfoSchema) }), ...ERROR_RESPONSES } } }, async (request) => ({
      tokens: await services.auth.listPersonalTokens(principalOf(request)),
    }));
    app.post(
      '/me/tokens',
      {
        onRequest: authenticate,
        schema: {
          tags: ['auth'],
          summary: '创建个人 API 令牌（仅显示一次）/ create a personal API token, shown once',
          body: Type.Object({ label: Text(100), expiresAt: Type.Optional(Type.Union([Instant, Type.Null()])) }, { additionalProperties: false }),
          response: { 201: TokenSchema, ...ERROR_RESPONSES },
        },
      },
      async (request, reply) => reply.status(201).send(await services.auth.createPersonalToken(principalOf(request), request.body.label, request.body.expiresAt ?? null)),
    );
    app.delete(
      '/me/tokens/:id',
      { onRequest: authenticate, schema: { tags: ['auth'], summary: '吊销个人令牌 / revoke a personal token', params: Type.Object({ id: Id }), response: { 204: Type.Null(), ...ERROR_RESPONSES } } },
      async (request, reply) => {
        await services.auth.revokePersonalToken(principalOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
