import { describe, expect, it } from 'vitest';
import { DOCUMENT_FORMATS, detectDocumentFormat, type DocumentFormat } from '../../../src/app/publication/document-format.ts';
import { extractParts, type DocumentPart } from '../../../src/app/publication/extract-document.ts';
import { maskDocument } from '../../../src/app/publication/mask-document.ts';
import { DomainError } from '../../../src/core/shared/domain-error.ts';
import type { FindingLocation } from '../../../src/core/pii/recognizers/finding.ts';
import { FIXTURES, IDS, type Fixture } from './fixtures.ts';
import { residentIdSpans } from './resident-id-spans.ts';

const LIMITS = { maxBytes: 10 * 1024 * 1024 };

interface Located {
  id: string;
  location?: FindingLocation;
}

function findings(parts: readonly DocumentPart[]): Located[] {
  return parts.flatMap((part) =>
    residentIdSpans(part.text).map((span) => {
      const location = part.locate(span.start);
      return { id: part.text.slice(span.start, span.end), ...(location === undefined ? {} : { location }) };
    }),
  );
}

const byId = (a: Located, b: Located): number => a.id.localeCompare(b.id);

async function rejection(work: Promise<unknown>): Promise<DomainError> {
  const error: unknown = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe.each(DOCUMENT_FORMATS)('%s', (format: DocumentFormat) => {
  let fixture: Promise<Fixture> | undefined;
  const load = (): Promise<Fixture> => (fixture ??= Promise.resolve(FIXTURES[format]()));

  it('is detected from its name and first bytes', async () => {
    const { fileName, bytes } = await load();
    expect(detectDocumentFormat(fileName, bytes)).toBe(format);
  });

  it('shows every planted ID as one string, located where the format has places', async () => {
    const { bytes, planted } = await load();
    const found = findings(await extractParts(bytes, format, LIMITS));
    expect(found.toSorted(byId)).toEqual(planted.toSorted(byId));
  });

  if (format === 'pdf') {
    it('refuses to mask, saying to mask the source document', async () => {
      const { bytes } = await load();
      const error = await rejection(maskDocument(bytes, format, residentIdSpans));
      expect(error.code).toBe('MASK_UNSUPPORTED_FORMAT');
      expect(error.message).toMatch(/源文档/u);
      expect(error.message).toMatch(/source document/u);
    });
  } else {
    it('masks every planted ID and keeps the rest of the content', async () => {
      const { bytes, survives } = await load();
      const masked = await maskDocument(bytes, format, residentIdSpans);
      const parts = await extractParts(masked, format, LIMITS);
      expect(findings(parts)).toEqual([]);
      const text = parts.map((part) => part.text).join('\n');
      for (const id of Object.values(IDS)) expect(text).not.toContain(id);
      for (const kept of survives) expect(text).toContain(kept);
      // The masked form of the resident_id preset: region and last four kept.
      expect(text).toContain(`${IDS.a.slice(0, 6)}********${IDS.a.slice(-4)}`);
      expect(detectDocumentFormat(`masked.${format}`, masked)).toBe(format);
    });

    it('returns a file with nothing to mask unchanged in content', async () => {
      const { bytes } = await load();
      const again = await maskDocument(bytes, format, () => []);
      expect((await extractParts(again, format, LIMITS)).map((part) => part.text)).toEqual((await extractParts(bytes, format, LIMITS)).map((part) => part.text));
    });
  }
});
