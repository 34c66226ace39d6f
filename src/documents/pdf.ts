/**
 * PDF rendering with pdfmake (declarative layout: tables, page numbers, text flow) on pdfkit, which
 * writes PDF/A-2b (XMP identification, sRGB output intent, every font embedded). The font is Roboto
 * as pdfmake ships it (Apache-2.0; Latin incl. ä ö ü ß „ “ – §). Output is deterministic: creation
 * and modification date come from the log event the document is made from, pdfkit derives the file
 * id and the font subset tags from those, and nothing reads the clock or a random source.
 */
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';

const FONT_DIR = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
let configured = false;

function configure(): void {
  if (configured) return;
  pdfmake.setFonts({
    Roboto: {
      normal: join(FONT_DIR, 'Roboto-Regular.ttf'),
      bold: join(FONT_DIR, 'Roboto-Medium.ttf'),
      italics: join(FONT_DIR, 'Roboto-Italic.ttf'),
      bolditalics: join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
    },
  });
  // only the shipped fonts are read; nothing is fetched
  pdfmake.setLocalAccessPolicy((path) => path.startsWith(FONT_DIR));
  pdfmake.setUrlAccessPolicy(() => false);
  configured = true;
}

export interface PdfMeta {
  title: string;
  subject: string;
  /** The log time the document is made from: its creation and modification date. */
  at: Date;
  /** Shown in every page's footer: where in the log the document comes from. */
  footer: string;
}

export interface RenderedPdf {
  bytes: Buffer;
  sha256: string;
  sha512: string;
}

export const STYLES: TDocumentDefinitions['styles'] = {
  kind: { fontSize: 18, bold: true, margin: [0, 0, 0, 4] },
  heading: { fontSize: 12, bold: true, margin: [0, 14, 0, 6] },
  subheading: { fontSize: 10.5, bold: true, margin: [0, 8, 0, 3] },
  small: { fontSize: 8, color: '#444444' },
  marker: { fontSize: 9, bold: true, color: '#8a1c1c' },
};

export async function renderPdf(meta: PdfMeta, content: Content[]): Promise<RenderedPdf> {
  configure();
  const definition: TDocumentDefinitions = {
    version: '1.7',
    subset: 'PDF/A-2b',
    displayTitle: true,
    pageSize: 'A4',
    pageMargins: [60, 50, 50, 60],
    language: 'de-DE',
    info: { title: meta.title, subject: meta.subject, author: 'Beschlussweg', creator: 'Beschlussweg', producer: 'Beschlussweg (pdfmake)', creationDate: meta.at, modDate: meta.at },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    styles: STYLES,
    footer: (page, pages) => ({
      columns: [{ text: meta.footer, style: 'small' }, { text: `Seite ${page} von ${pages}`, style: 'small', alignment: 'right', width: 80 }],
      margin: [60, 20, 50, 0],
    }),
    content,
  };
  const bytes = Buffer.from(await pdfmake.createPdf(definition).getBuffer());
  return { bytes, ...digests(bytes) };
}

export function digests(bytes: Buffer): { sha256: string; sha512: string } {
  return { sha256: createHash('sha256').update(bytes).digest('hex'), sha512: createHash('sha512').update(bytes).digest('hex') };
}
