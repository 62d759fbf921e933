import { Type } from 'typebox';
import { Instant, literals } from './common.ts';

/** Wire shapes of hosted datasets (/api/v1/datasets): counts and versions, never a row. */

export const DATASET_MODES = ['hosted', 'proxy'] as const;

export const ResourceCodeParams = Type.Object({ resourceCode: Type.String({ minLength: 1, maxLength: 64 }) });

/** What a load answers: how many rows went in, and which items are stored encrypted. */
export const LoadOutcomeSchema = Type.Object({
  resourceCode: Type.String(),
  version: Type.Integer({ minimum: 1, description: '生效的数据版本 / the version now in force' }),
  rows: Type.Integer({ minimum: 0 }),
  encryptedItems: Type.Array(Type.String(), { description: '加密存储的信息项代码 / codes of the items stored encrypted' }),
});

export const UpstreamInputSchema = Type.Object(
  { url: Type.String({ minLength: 8, maxLength: 2048, description: '提供方接口地址（http 或 https，不含口令）/ the provider’s API, http(s), no credentials' }) },
  { additionalProperties: false },
);

export const DatasetStatusSchema = Type.Object({
  resourceCode: Type.String(),
  mode: literals(DATASET_MODES, { description: 'hosted：由平台托管；proxy：转发至提供方接口 / hosted on the platform, or proxied to the provider' }),
  version: Type.Integer({ minimum: 0, description: '生效的数据版本，尚未加载时为 0 / the version in force; 0 before the first load' }),
  rowCount: Type.Integer({ minimum: 0 }),
  updatedAt: Instant,
});
