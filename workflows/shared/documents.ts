/**
 * Issued documents (Vorlage, Einladung, Niederschrift, Beschlussauszug, audit report) as events of the
 * workflow they are made from. The PDF is rendered in `src/documents/` from the log; the machine only
 * records that it was issued, with its hashes, so the log proves which file was handed out. Every
 * machine that issues documents takes `DOCUMENT_ISSUED` in any active state, through `documentEvents`
 * on its root, and keeps the list in `context.documents`.
 */
import { assign, type EventObject } from 'xstate';

export const DOCUMENT_ISSUED = 'DOCUMENT_ISSUED';

export type DocumentKind = 'vorlage' | 'einladung' | 'niederschrift' | 'beschlussauszug' | 'auditReport';
/** Öffentlicher or nichtöffentlicher Teil: the latter only for roles that may see non-public content. */
export type DocumentPart = 'public' | 'nonPublic';

/** What the event records about one file; `sha512` is OParl's `File.sha512Checksum`. */
export interface IssuedDocument {
  kind: DocumentKind;
  part: DocumentPart;
  /** e.g. the proposal key of a Beschlussauszug; null when the kind has one document per part. */
  subject: string | null;
  title: string;
  fileName: string;
  mimeType: 'application/pdf';
  size: number;
  sha256: string;
  sha512: string;
  /** The event of this instance the document was made from (its dates come from there). */
  basis: { seq: number; type: string; at: string };
}

export type DocumentIssued = { type: typeof DOCUMENT_ISSUED; at: string; actor: { id: string; role: string }; document: IssuedDocument };

/** The machine's record of what it issued: kind, part, subject, hash and when. */
export interface IssuedDocumentRef {
  kind: DocumentKind;
  part: DocumentPart;
  subject: string | null;
  sha256: string;
  at: string;
}

export interface DocumentsRecord {
  documents?: IssuedDocumentRef[];
}

const recordDocument = ({ context, event }: { context: DocumentsRecord; event: { type: string } }): DocumentsRecord => {
  if (event.type !== DOCUMENT_ISSUED) return {};
  const { document, at } = event as DocumentIssued;
  return { documents: [...(context.documents ?? []), { kind: document.kind, part: document.part, subject: document.subject, sha256: document.sha256, at }] };
};

/** A machine's root `on`: the event is taken in every active state and changes nothing but the list. */
export function documentEvents<C extends DocumentsRecord, E extends EventObject>() {
  return { [DOCUMENT_ISSUED]: { actions: assign<C, E, undefined, E, never>((args) => recordDocument(args) as Partial<C>) } } as const;
}
