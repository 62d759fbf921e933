/**
 * bench/publication-scan: the publication guard's throughput on a large text (issue #6).
 *
 * Generates about 100 MB of notice-like text (公示、通知、名单) with about one personal identifier
 * per 2 KB, deterministic for its seed, under the system's temporary folder. Then, in one run:
 * - `custos scan --format json FILE` as a child process, its JSON written to a file: MB/s of the
 *   file's size over the wall time, process start-up included;
 * - a baseline in the same runtime: read the file, decode it, count the matches of the one regex
 *   `/\d{17}[\dXx]/g` — what a hand-written "grep for IDs" costs;
 * - the ratio of the two. Targets: at least 50 MB/s, and a ratio of at least 0.3.
 * Five rounds of one scan and one baseline, in turn; the best of each is compared. (Three scans and
 * then three baselines let a shared machine's busy spell fall on one side only.)
 *
 * The last line printed is JSON: {"scan_mb_s":…,"baseline_mb_s":…,"ratio":…}.
 *
 *   npm run bench:scan                 (SCAN_MB=20 for a quicker run)
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { address, bankCard, email, landline, mobile, personName, Random, residentId, uscc } from '../test/publication/corpus.ts';

const TARGET_MEGABYTES = Number(process.env['SCAN_MB'] ?? 100);
const SEED = 20240611;
/** About one personal identifier per this many bytes of text. */
const BYTES_PER_IDENTIFIER = 2048;
const MEGABYTE = 1024 * 1024;
/** Rounds of one scan and one baseline each, taken in turn so that both meet the same moments of a shared machine. */
const RUNS = 5;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORK = join(tmpdir(), 'custos-bench-scan');

// ---------------------------------------------------------------------------------------------
// The text: notice prose with decoys (dates, amounts, document and order numbers, hotlines,
// masked values), one identifier in a labelled sentence per block, and now and then a short list.

const OPENINGS = ['根据《中华人民共和国政府信息公开条例》', '按照《社会救助暂行办法》', '依据县政府常务会议纪要', '根据《最低生活保障审核确认办法》', '为做好城乡居民医疗保险参保工作', '按照市民政局统一部署'];
const SUBJECTS = ['城乡居民最低生活保障', '特困人员救助供养', '临时救助', '残疾人两项补贴', '高龄津贴', '农村危房改造补助', '困难群众医疗救助', '就业见习补贴'];
const CLAUSES = [
  '经村（社区）初审、乡镇（街道）审核、县民政局审批',
  '现将有关情况予以公示，公示期为七个工作日',
  '对公示内容有异议的，请于公示期内向县民政局反映',
  '各乡镇人民政府、街道办事处要高度重视，认真组织实施',
  '严格执行申请、审核、审批、公示等程序，确保公开公平公正',
  '资金通过惠民惠农财政补贴资金“一卡通”发放到户',
  '对弄虚作假骗取救助资金的，一经查实，依法追回并追究责任',
  '本通知自印发之日起施行，由县民政局负责解释',
];
const PLACES = ['城关镇', '新塘镇', '古城乡', '白沙镇', '石门乡', '清溪街道', '龙泉街道', '桃源乡'];

function decoy(random: Random): string {
  const year = random.integer(2019, 2025);
  return random.pick([
    () => `（${year}年${random.integer(1, 12)}月${random.integer(1, 28)}日）`,
    () => `发放金额合计${random.integer(1000, 9_999_999).toLocaleString('en-US')}.${random.digits(2)}元`,
    () => `文号云民发〔${year}〕${random.integer(1, 199)}号`,
    () => `业务流水号${year}${random.digits(14)}`,
    () => `监督电话12345，投诉电话12315`,
    () => `已脱敏：${residentId(random).slice(0, 6)}********${random.digits(4)}，手机138****${random.digits(4)}`,
    () => `共${random.integer(10, 3000)}户${random.integer(20, 9000)}人，占比${random.integer(1, 99)}.${random.digits(1)}%`,
    () => `时间戳${random.integer(1_600_000_000_000, 1_760_000_000_000)}`,
  ])();
}

function sentence(random: Random): string {
  return `${random.pick(OPENINGS)}，${random.pick(PLACES)}${random.pick(SUBJECTS)}工作${random.pick(CLAUSES)}，${decoy(random)}。${random.pick(CLAUSES)}。`;
}

function labelled(random: Random): string {
  return random.pick([
    () => `申请人：${personName(random)}，公民身份号码${residentId(random)}。`,
    () => `如有疑问请联系经办人手机${mobile(random)}。`,
    () => `联系电话：${landline(random)}。`,
    () => `补助资金已转入银行卡号${bankCard(random)}。`,
    () => `受托单位统一社会信用代码${uscc(random)}。`,
    () => `材料请发送至邮箱 ${email(random)} 。`,
    () => `家庭住址：${address(random)}。`,
    () => `身份证号：${residentId(random)}。`,
  ])();
}

/** A short list of the kind that leaks: a header, then a few rows of names, IDs and phones. */
function list(random: Random): string {
  let text = '\n序号\t姓名\t身份证号\t联系电话\t补助金额\n';
  const rows = random.integer(2, 4);
  for (let row = 1; row <= rows; row += 1) text += `${row}\t${personName(random)}\t${residentId(random)}\t${mobile(random)}\t${random.integer(200, 900)}.00\n`;
  return `${text}\n`;
}

/** One block of about BYTES_PER_IDENTIFIER bytes with, on average, one identifier. */
function block(random: Random): string {
  let text = `${random.pick(PLACES)}关于${year(random)}年度${random.pick(SUBJECTS)}的公示\n`;
  const planted = random.integer(0, 2);
  let written = 0;
  // A list carries about ten identifiers, so it is rare enough to keep the average at one per block.
  const withList = random.chance(0.02);
  while (Buffer.byteLength(text) < BYTES_PER_IDENTIFIER - 200) {
    text += sentence(random);
    if (written < (withList ? 0 : planted) && random.chance(0.2)) {
      text += labelled(random);
      written += 1;
    }
    if (random.chance(0.3)) text += '\n';
  }
  if (withList) text += list(random);
  return `${text}\n\n`;
}

function year(random: Random): number {
  return random.integer(2019, 2025);
}

/** Writes the text in pieces, so that generating 100 MB never holds it all in memory. */
function generate(path: string, megabytes: number): number {
  const random = new Random(SEED);
  const descriptor = openSync(path, 'w');
  let size = 0;
  let buffered = '';
  try {
    while (size < megabytes * MEGABYTE) {
      buffered += block(random);
      if (buffered.length > 256 * 1024) {
        size += writeSync(descriptor, buffered);
        buffered = '';
      }
    }
    size += writeSync(descriptor, buffered);
  } finally {
    closeSync(descriptor);
  }
  return size;
}

// ---------------------------------------------------------------------------------------------

interface ScanReport {
  files: { path: string; findings: { type: string }[]; error: { code: string } | null }[];
}

function scanOnce(file: string, output: string): { seconds: number; report: ScanReport; exitCode: number | null } {
  const descriptor = openSync(output, 'w');
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/custos.js'), 'scan', '--format', 'json', file], { stdio: ['ignore', descriptor, 'pipe'], maxBuffer: 16 * MEGABYTE });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  closeSync(descriptor);
  if (result.status !== 0 && result.status !== 1) throw new Error(`custos scan failed (${String(result.status)}): ${result.stderr.toString('utf8')}`);
  return { seconds, report: JSON.parse(readFileSync(output, 'utf8')) as ScanReport, exitCode: result.status };
}

/** The child process's own start-up, measured apart so the scan's rate can be read without it. */
function startupOnce(): { seconds: number } {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/custos.js'), 'scan', '--help'], { stdio: 'ignore' });
  if (result.status !== 0) throw new Error('custos scan --help failed');
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

function baselineOnce(file: string): { seconds: number; matches: number } {
  const started = process.hrtime.bigint();
  const text = new TextDecoder('utf-8').decode(readFileSync(file));
  let matches = 0;
  const pattern = /\d{17}[\dXx]/g;
  while (pattern.exec(text) !== null) matches += 1;
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, matches };
}

function best<T extends { seconds: number }>(runs: T[]): T {
  return runs.reduce((fastest, run) => (run.seconds < fastest.seconds ? run : fastest));
}

function main(): void {
  mkdirSync(WORK, { recursive: true });
  const file = join(WORK, 'notices.txt');
  const output = join(WORK, 'scan.json');
  const generatedAt = process.hrtime.bigint();
  generate(file, TARGET_MEGABYTES);
  const size = statSync(file).size;
  const megabytes = size / MEGABYTE;
  process.stdout.write(`generated ${megabytes.toFixed(1)} MB in ${(Number(process.hrtime.bigint() - generatedAt) / 1e9).toFixed(1)} s: ${file}\n`);

  const scans: ReturnType<typeof scanOnce>[] = [];
  const baselines: ReturnType<typeof baselineOnce>[] = [];
  for (let round = 0; round < RUNS; round += 1) {
    scans.push(scanOnce(file, output));
    baselines.push(baselineOnce(file));
  }
  const startup = best(Array.from({ length: RUNS }, () => startupOnce()));
  const scan = best(scans);
  const baseline = best(baselines);
  const [scanned] = scan.report.files;
  const counts = new Map<string, number>();
  for (const finding of scanned?.findings ?? []) counts.set(finding.type, (counts.get(finding.type) ?? 0) + 1);
  const findings = scanned?.findings.length ?? 0;

  const scanRate = megabytes / scan.seconds;
  const baselineRate = megabytes / baseline.seconds;
  const ratio = scanRate / baselineRate;
  const rows: [string, string][] = [
    ['file', `${megabytes.toFixed(1)} MB (${size} bytes)`],
    ['findings', `${findings} (one per ${(size / Math.max(findings, 1) / 1024).toFixed(1)} KB)`],
    ['by type', [...counts.entries()].sort((left, right) => right[1] - left[1]).map(([type, count]) => `${type} ${count}`).join(', ')],
    ['custos scan --format json', `${scan.seconds.toFixed(2)} s best of ${RUNS} (${scans.map((run) => run.seconds.toFixed(2)).join(', ')}), exit ${String(scan.exitCode)}: ${scanRate.toFixed(1)} MB/s`],
    ['  of which process start-up', `${startup.seconds.toFixed(2)} s (custos scan --help); without it ${(megabytes / (scan.seconds - startup.seconds)).toFixed(1)} MB/s`],
    ['baseline /\\d{17}[\\dXx]/g', `${baseline.seconds.toFixed(2)} s best of ${RUNS} (${baselines.map((run) => run.seconds.toFixed(2)).join(', ')}), ${baseline.matches} matches: ${baselineRate.toFixed(1)} MB/s`],
    ['ratio', `${ratio.toFixed(3)} (target ≥ 0.3; scan target ≥ 50 MB/s)`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) process.stdout.write(`${label.padEnd(width)}  ${value}\n`);
  rmSync(output, { force: true });
  if (process.env['KEEP_BENCH_FILE'] === undefined) rmSync(file, { force: true });
  const round = (value: number, digits: number): number => Number(value.toFixed(digits));
  process.stdout.write(`${JSON.stringify({ scan_mb_s: round(scanRate, 1), baseline_mb_s: round(baselineRate, 1), ratio: round(ratio, 3) })}\n`);
}

if (import.meta.main) main();

export { generate };
