import { organisationCodeCheckCharacter, usccCheckCharacter } from '../../core/pii/index.ts';

/**
 * A well-formed USCC for a synthetic organisation (GB 32100-2015): authority 1 (机构编制) and type
 * 1 (机关) for government bodies, the region code, an organisation code whose body counts up from
 * a `serial` in the reserved-looking range 99xxxxxx so it is unlikely to be a real body's, and both
 * check characters computed.
 */
export function syntheticUscc(regionCode: string, serial: number, authorityAndType = '11'): string {
  const body = `99${String(serial).padStart(6, '0')}`;
  const organisationCode = body + organisationCodeCheckCharacter(body);
  const first17 = authorityAndType + regionCode + organisationCode;
  return first17 + usccCheckCharacter(first17);
}
