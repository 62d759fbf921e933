import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectDocumentFormat } from '../../src/app/publication/document-format.ts';
import { extractParts } from '../../src/app/publication/extract-document.ts';
import { scanText, PII_TYPES } from '../../src/core/pii/index.ts';
import { docxFixture, htmlFixture, IDS, pdfFixture, xlsxFixture } from './formats/fixtures.ts';

const CLI = join(import.meta.dirname, '../../src/main/custos.ts');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real binary; asynchronously, so that several can run at once. */
function custos(args: readonly string[], cwd?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { PATH: process.env['PATH'] ?? '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

interface JsonReport {
  files: { path: string; findings: { type: string; value: string; start: number; end: number; line: number; confidence: number; location?: unknown }[]; error: { code: string; message: string } | null }[];
}

const ROSTER = `序号\t姓名\t身份证号\t联系电话\n1\t张三\t${IDS.a}\t13800138000\n2\t李四\t${IDS.b}\t13900139000\n`;
const CLEAN = '关于做好2024年度城乡居民医疗保险参保工作的通知\n监督电话：12345。\n';

let root = '';
/** A folder as a web team would hand it over: a roster, a clean notice, a workbook, a Word file and a page in a subfolder. */
let site = '';

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'custos-scan-cli-'));
  site = join(root, 'site');
  mkdirSync(join(site, '附件'), { recursive: true });
  writeFileSync(join(site, '名单.tsv'), ROSTER);
  writeFileSync(join(site, '通知.txt'), CLEAN);
  const xlsx = await xlsxFixture();
  writeFileSync(join(site, '附件', xlsx.fileName), xlsx.bytes);
  const docx = docxFixture();
  writeFileSync(join(site, '附件', docx.fileName), docx.bytes);
  const html = htmlFixture();
  writeFileSync(join(site, 'index.html'), html.bytes);
  writeFileSync(join(root, 'clean.txt'), CLEAN);
  writeFileSync(join(root, 'roster.tsv'), ROSTER);
  writeFileSync(join(root, 'photo.jpg'), 'not an image the guard reads');
  const pdf = await pdfFixture();
  writeFileSync(join(root, 'notice.pdf'), pdf.bytes);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('custos scan', () => {
  it('lists every file of a directory, in name order, with a progress bar on stderr, and exits 1 on findings', async () => {
    const run = await custos(['scan', site, '--format', 'json']);
    expect(run.status, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.files.map((file) => file.path.slice(site.length + 1))).toEqual(['index.html', '名单.tsv', '通知.txt', '附件/公示.docx', '附件/公示名单.xlsx']);
    expect(report.files.every((file) => file.error === null)).toBe(true);
    const byName = new Map(report.files.map((file) => [file.path.slice(site.length + 1), file]));
    expect(byName.get('通知.txt')?.findings).toEqual([]);
    const roster = byName.get('名单.tsv')?.findings ?? [];
    expect(roster.map((finding) => finding.type)).toEqual(['person_name', 'cn_resident_id', 'cn_mobile', 'person_name', 'cn_resident_id', 'cn_mobile']);
    expect(roster[1]).toEqual({ type: 'cn_resident_id', value: IDS.a, start: ROSTER.indexOf(IDS.a), end: ROSTER.indexOf(IDS.a) + 18, line: 2, confidence: 0.99 });
    // The workbook's hidden sheets, hidden column and notes, each located.
    const ids = (byName.get('附件/公示名单.xlsx')?.findings ?? []).filter((finding) => finding.type === 'cn_resident_id');
    expect(ids.map((finding) => finding.location)).toEqual(
      expect.arrayContaining([
        { sheet: '名单', cell: 'C2' },
        { sheet: '隐藏', cell: 'B2' },
        { sheet: '深度隐藏', cell: 'A1' },
        { sheet: '名单', cell: 'F9' },
      ]),
    );
    expect((byName.get('附件/公示.docx')?.findings ?? []).map((finding) => finding.value)).toEqual(expect.arrayContaining([IDS.a, IDS.c, IDS.f]));
    expect((byName.get('index.html')?.findings ?? []).map((finding) => finding.value)).toEqual(expect.arrayContaining([IDS.b, IDS.g]));
    expect(run.stderr).toMatch(/扫描 \/ scanning 100% \(5\/5\)/u);
  });

  it('exits 0 on a clean file, and 2 when any file cannot be scanned, reporting the others all the same', async () => {
    const [clean, mixed] = await Promise.all([custos(['scan', 'clean.txt', '--format', 'json'], root), custos(['scan', 'clean.txt', 'photo.jpg', 'missing.txt', 'roster.tsv', '--format', 'json'], root)]);
    expect(clean.status).toBe(0);
    expect(JSON.parse(clean.stdout)).toEqual({ files: [{ path: 'clean.txt', findings: [], error: null }] });
    expect(mixed.status).toBe(2);
    const report = JSON.parse(mixed.stdout) as JsonReport;
    expect(report.files.map((file) => [file.path, file.error?.code ?? null, file.findings.length])).toEqual([
      ['clean.txt', null, 0],
      ['photo.jpg', 'FORMAT_UNSUPPORTED', 0],
      ['missing.txt', 'FILE_UNREADABLE', 0],
      ['roster.tsv', null, 6],
    ]);
    expect(mixed.stderr).toBe('');
  });

  it('limits the types with --types and the gate with --fail-on', async () => {
    const [mobiles, failOnUscc, reportOnly, notScanned, unknown] = await Promise.all([
      custos(['scan', 'roster.tsv', '--format', 'json', '--types', 'cn_mobile'], root),
      custos(['scan', 'roster.tsv', '--format', 'json', '--fail-on', 'cn_uscc,email'], root),
      custos(['scan', 'roster.tsv', '--fail-on', 'none'], root),
      custos(['scan', 'roster.tsv', '--types', 'cn_mobile', '--fail-on', 'cn_resident_id'], root),
      custos(['scan', 'roster.tsv', '--types', 'cn_mobile,shoe_size'], root),
    ]);
    expect(mobiles.status).toBe(1);
    expect((JSON.parse(mobiles.stdout) as JsonReport).files[0]?.findings.map((finding) => finding.value)).toEqual(['13800138000', '13900139000']);
    expect(failOnUscc.status).toBe(0);
    expect((JSON.parse(failOnUscc.stdout) as JsonReport).files[0]?.findings).toHaveLength(6);
    expect(reportOnly.status).toBe(0);
    expect(notScanned.status).toBe(2);
    expect(notScanned.stderr).toContain('FAIL_ON_NOT_SCANNED');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('PII_TYPE_UNKNOWN');
    expect(unknown.stderr).toContain('shoe_size');
    expect(unknown.stdout).toBe('');
  });

  it('writes SARIF 2.1.0 a pipeline can gate on', async () => {
    const run = await custos(['scan', 'roster.tsv', 'photo.jpg', '--format', 'sarif', '--fail-on', 'cn_resident_id'], root);
    expect(run.status).toBe(2);
    const sarif = JSON.parse(run.stdout) as {
      version: string;
      $schema: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string; defaultConfiguration: { level: string } }[] } };
        results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; charOffset: number; charLength: number; snippet: { text: string } } } }[] }[];
        invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; descriptor: { id: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
      }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toContain('sarif-schema-2.1.0');
    expect(sarif.runs).toHaveLength(1);
    const [sarifRun] = sarif.runs;
    expect(sarifRun?.tool.driver.name).toBe('custos');
    expect(sarifRun?.tool.driver.rules.map((rule) => rule.id)).toEqual([...PII_TYPES]);
    expect(sarifRun?.tool.driver.rules.find((rule) => rule.id === 'cn_resident_id')?.defaultConfiguration.level).toBe('error');
    const results = sarifRun?.results ?? [];
    expect(results).toHaveLength(6);
    for (const result of results) expect(sarifRun?.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
    const id = results.find((result) => result.ruleId === 'cn_resident_id');
    expect(id?.level).toBe('error');
    expect(id?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'roster.tsv' },
      region: { startLine: 2, charOffset: ROSTER.indexOf(IDS.a), charLength: 18, snippet: { text: IDS.a } },
    });
    expect(id?.message.text).not.toContain(IDS.a);
    expect(results.find((result) => result.ruleId === 'cn_mobile')?.level).toBe('warning');
    expect(sarifRun?.invocations[0]?.executionSuccessful).toBe(false);
    expect(sarifRun?.invocations[0]?.toolExecutionNotifications[0]).toMatchObject({ level: 'error', descriptor: { id: 'FORMAT_UNSUPPORTED' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'photo.jpg' } } }] });
  });

  it('shows values masked in text output, Chinese first', async () => {
    const run = await custos(['scan', 'roster.tsv', 'clean.txt'], root);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`${IDS.a.slice(0, 6)}********${IDS.a.slice(-4)}`);
    expect(run.stdout).toContain('138****8000');
    expect(run.stdout).not.toContain(IDS.a);
    expect(run.stdout).not.toContain('张三');
    expect(run.stdout).toMatch(/发现 6 处个人信息 \/ 6 findings/u);
    expect(run.stdout).toMatch(/✓ clean\.txt {2}未发现个人信息/u);
    expect(run.stdout).toMatch(/结论 \/ verdict: 请勿发布/u);
  });

  it('teaches with --help, examples and exit codes included', async () => {
    const [scanHelp, maskHelp] = await Promise.all([custos(['scan', '--help']), custos(['mask', '--help'])]);
    expect(scanHelp.status).toBe(0);
    for (const text of ['Examples', 'Exit codes', '--fail-on', '--format', 'cn_resident_id', 'sarif']) expect(scanHelp.stdout).toContain(text);
    expect(maskHelp.status).toBe(0);
    expect(maskHelp.stdout).toContain('源文档');
  });

  it('streams a large text file and finds what a scan of the whole text finds', async () => {
    let text = '';
    for (let block = 0; text.length < 5_000_000; block += 1) {
      text += `第${block}号公示：经审核，以下人员符合条件，现予公示。监督电话12345。\n\n序号\t姓名\t身份证号\n`;
      for (let row = 1; row <= 200; row += 1) text += `${row}\t王${'伟芳娜敏静丽强磊'[row % 8]}\t${row % 50 === 0 ? IDS.c : `${row}号`}\n`;
      text += '\n';
    }
    const file = join(root, 'large.txt');
    writeFileSync(file, text);
    const run = await custos(['scan', file, '--format', 'json', '--types', 'cn_resident_id,person_name']);
    expect(run.status).toBe(1);
    const findings = (JSON.parse(run.stdout) as JsonReport).files[0]?.findings ?? [];
    const expected = scanText(text, { types: ['cn_resident_id', 'person_name'] });
    expect(findings.length).toBe(expected.length);
    expect(findings).toEqual(expected);
  });
});

describe('custos mask', () => {
  it('writes a masked copy in the same format, leaves the original alone, and will not overwrite', async () => {
    const xlsx = await xlsxFixture();
    const input = join(root, xlsx.fileName);
    writeFileSync(input, xlsx.bytes);
    const output = join(root, 'masked.xlsx');
    const run = await custos(['mask', input, '-o', output]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/复查 \/ scanned again: 未发现个人信息/u);
    expect(readFileSync(input)).toEqual(Buffer.from(xlsx.bytes));
    const masked = new Uint8Array(readFileSync(output));
    expect(detectDocumentFormat(output, masked)).toBe('xlsx');
    const text = (await extractParts(masked, 'xlsx', { maxBytes: 10 * 1024 * 1024 })).map((part) => part.text).join('\n');
    for (const id of Object.values(IDS)) expect(text).not.toContain(id);
    expect(text).toContain(`${IDS.a.slice(0, 6)}********${IDS.a.slice(-4)}`);
    const rescan = await custos(['scan', output, '--format', 'json']);
    expect(rescan.status).toBe(0);

    const [again, onto, forced] = await Promise.all([custos(['mask', input, '-o', output]), custos(['mask', input, '-o', input, '--force']), custos(['mask', join(root, 'roster.tsv'), '-o', join(root, 'roster-masked.tsv')])]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('OUTPUT_EXISTS');
    expect(onto.status).toBe(2);
    expect(onto.stderr).toContain('OUTPUT_IS_INPUT');
    expect(readFileSync(input)).toEqual(Buffer.from(xlsx.bytes));
    expect(forced.status).toBe(0);
    expect(readFileSync(join(root, 'roster-masked.tsv'), 'utf8')).toBe(
      `序号\t姓名\t身份证号\t联系电话\n1\t张*\t${IDS.a.slice(0, 6)}********${IDS.a.slice(-4)}\t138****8000\n2\t李*\t${IDS.b.slice(0, 6)}********${IDS.b.slice(-4)}\t139****9000\n`,
    );
  });

  it('refuses a PDF with its code and the advice to mask the source document, writing nothing', async () => {
    const output = join(root, 'notice-masked.pdf');
    const run = await custos(['mask', join(root, 'notice.pdf'), '-o', output]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('MASK_UNSUPPORTED_FORMAT');
    expect(run.stderr).toContain('源文档');
    expect(run.stderr).toContain('source document');
    expect(existsSync(output)).toBe(false);
  });
});
