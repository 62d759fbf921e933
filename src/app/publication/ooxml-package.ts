import { DOMParser, XMLSerializer, onErrorStopParsing, type Document, type Element } from '@xmldom/xmldom';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { maxUnzippedBytes, type ExtractLimits } from './document-part.ts';
import { fileTooLarge, fileUnreadable, megabytes } from './publication-errors.ts';

/** The entries of an Office Open XML package (xlsx, docx), by path, in archive order. */
export type PackageEntries = Record<string, Uint8Array>;

const RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/**
 * Checks an OOXML file against the size caps before anything is inflated. The compressed size
 * bounds what was uploaded; the sizes the entries declare bound what unzipping would allocate,
 * which is what a zip bomb inflates. fflate inflates each entry into a buffer of its declared
 * size, so a lying header truncates that entry rather than growing memory.
 */
export function checkPackageSize(bytes: Uint8Array, limits: ExtractLimits, format: string): void {
  if (bytes.byteLength > limits.maxBytes) {
    throw fileTooLarge(`${format} 文件大于 ${megabytes(limits.maxBytes)}`, `the ${format} file is larger than ${megabytes(limits.maxBytes)}`);
  }
  const cap = maxUnzippedBytes(limits);
  let declared = 0;
  try {
    unzipSync(bytes, {
      filter(file) {
        declared += file.originalSize;
        return false;
      },
    });
  } catch (error) {
    throw fileUnreadable(format, error);
  }
  if (declared > cap) {
    throw fileTooLarge(`${format} 解压后大于 ${megabytes(cap)}`, `the ${format} file unzips to more than ${megabytes(cap)}`);
  }
}

/** Unzips the entries whose path `wanted` accepts (all by default); call checkPackageSize first. */
export function unzipPackage(bytes: Uint8Array, format: string, wanted: (path: string) => boolean = () => true): PackageEntries {
  try {
    return unzipSync(bytes, { filter: (file) => wanted(file.name) });
  } catch (error) {
    throw fileUnreadable(format, error);
  }
}

/** Zips the entries back in their original order, so [Content_Types].xml stays first. */
export function zipPackage(entries: PackageEntries): Uint8Array {
  const zippable: Zippable = {};
  for (const [path, data] of Object.entries(entries)) zippable[path] = [data, { level: 6 }];
  return zipSync(zippable);
}

export function parseXml(data: Uint8Array, format: string): Document {
  try {
    return new DOMParser({ onError: onErrorStopParsing }).parseFromString(new TextDecoder().decode(data), 'text/xml');
  } catch (error) {
    throw fileUnreadable(format, error);
  }
}

export function serializeXml(document: Document): Uint8Array {
  return new TextEncoder().encode(new XMLSerializer().serializeToString(document));
}

/** Child elements of `parent`, in document order. */
export function childElements(parent: Element | Document): Element[] {
  const children: Element[] = [];
  for (let node = parent.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === node.ELEMENT_NODE) children.push(node as Element);
  }
  return children;
}

function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash + 1);
}

/** Resolves a relationship target against the directory of its source part (OPC, ECMA-376 Part 2 §9.3). */
function resolveTarget(source: string, target: string): string {
  const segments = (target.startsWith('/') ? target.slice(1) : directoryOf(source) + target).split('/');
  const resolved: string[] = [];
  for (const segment of segments) {
    if (segment === '..') resolved.pop();
    else if (segment !== '.' && segment !== '') resolved.push(segment);
  }
  return resolved.join('/');
}

export interface Relationship {
  id: string;
  type: string;
  /** The package path of the target part. */
  path: string;
}

/** The internal relationships of a part, from its _rels/NAME.rels file. */
export function relationshipsOf(entries: PackageEntries, source: string, format: string): Relationship[] {
  const relsPath = `${directoryOf(source)}_rels/${source.slice(directoryOf(source).length)}.rels`;
  const data = entries[relsPath];
  if (data === undefined) return [];
  const relationships: Relationship[] = [];
  const list = parseXml(data, format).getElementsByTagNameNS(RELATIONSHIPS_NS, 'Relationship');
  for (let index = 0; index < list.length; index += 1) {
    const element = list.item(index);
    if (element === null || element.getAttribute('TargetMode') === 'External') continue;
    relationships.push({ id: element.getAttribute('Id') ?? '', type: element.getAttribute('Type') ?? '', path: resolveTarget(source, element.getAttribute('Target') ?? '') });
  }
  return relationships;
}
