/*
 * Victims should know where to turn (issue #8, "Why"). Every answer to a filer names the bodies
 * that handle their remedy, with the article that gives it, so that a refusal or silence is never
 * the end of the road.
 */

export const REMEDY_ROUTES = ['supervision_authority', 'department', 'peoples_court'] as const;
export type RemedyRoute = (typeof REMEDY_ROUTES)[number];

export interface Remedy {
  route: RemedyRoute;
  /** The body, by name. */
  body: string;
  /** The law and article the route rests on. */
  basis: string;
  description: string;
}

/**
 * The routes for remedy, in the order a person takes them: the department that handles the data
 * (it must answer requests to exercise rights, PIPL Arts. 44–50), the supervision authority
 * (complaints, PIPL Art. 65 and DSL Art. 12), and the people's court when a request to exercise
 * rights is refused (PIPL Art. 50) or for damages, where the handler must prove it was not at
 * fault (PIPL Art. 69).
 */
export function remediesFor(supervisionAuthority: string, department: string | null): Remedy[] {
  const remedies: Remedy[] = [];
  if (department !== null) {
    remedies.push({
      route: 'department',
      body: department,
      basis: '《个人信息保护法》第四十四条至第五十条 / PIPL Arts. 44–50',
      description: '可向处理您个人信息的部门请求查阅、复制、更正、删除或说明处理规则 / ask the department that handles your data to let you see, copy, correct or delete it, or to explain its rules',
    });
  }
  remedies.push({
    route: 'supervision_authority',
    body: supervisionAuthority,
    basis: '《个人信息保护法》第六十五条；《数据安全法》第十二条 / PIPL Art. 65; DSL Art. 12',
    description: '本投诉举报由该监管部门依法处理并告知结果，举报人信息予以保密 / this supervision authority handles your complaint, tells you the result, and keeps your identity confidential',
  });
  remedies.push({
    route: 'peoples_court',
    body: '有管辖权的人民法院 / the people’s court with jurisdiction',
    basis: '《个人信息保护法》第五十条、第六十九条 / PIPL Arts. 50, 69',
    description: '请求行使个人权利被拒绝的，可依法向人民法院提起诉讼；因处理个人信息受到损害的，可请求赔偿，处理者不能证明自己没有过错的应当承担责任 / if a request to exercise your rights is refused you may sue in the people’s court; for harm from the handling of your data you may claim damages, and the handler is liable unless it proves it was not at fault',
  });
  return remedies;
}
