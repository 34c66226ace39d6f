import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { api, unwrap, type Schemas } from '../../shared/api';
import { useMe } from '../../shared/auth';
import { useCommand } from '../../shared/command';
import { formatDateTime } from '../../shared/dates';
import { download } from '../../shared/download';
import { fieldMessages, ProblemAlert } from '../../shared/problem';
import { Empty, Field, QueryState, Select } from '../../shared/ui';

type Document = Schemas['DocumentDto'];
type Kind = Document['kind'];
type Part = Document['part'];

export const KIND_LABEL: Record<Kind, string> = {
  vorlage: 'Vorlage',
  einladung: 'Einladung',
  niederschrift: 'Niederschrift',
  beschlussauszug: 'Beschlussauszug',
  auditReport: 'Prüfbericht',
};
const PART_LABEL: Record<Part, string> = { public: 'öffentlicher Teil', nonPublic: 'nichtöffentlicher Teil' };

/** A document the state allows to issue now: its kind, whether it has a non-public part, and for a Beschlussauszug the adopted proposals. */
export interface DocumentOffer {
  kind: Kind;
  parts: boolean;
  proposalKeys?: string[];
}

export function motionOffers(m: Schemas['MotionDto']): DocumentOffer[] {
  const adopted = (m.decision?.outcomes ?? []).filter((o) => o.outcome !== 'rejected').map((o) => o.proposalKey);
  return [
    ...(m.releasedAt ? [{ kind: 'vorlage' as const, parts: m.outline.nonPublicSections.length > 0 }] : []),
    ...(adopted.length ? [{ kind: 'beschlussauszug' as const, parts: false, proposalKeys: adopted }] : []),
    { kind: 'auditReport', parts: false },
  ];
}

export function meetingOffers(m: Schemas['MeetingDetailDto']): DocumentOffer[] {
  return [
    ...(m.invitationDate ? [{ kind: 'einladung' as const, parts: true }] : []),
    ...(m.state === 'held' || m.state === 'minutesApproved' ? [{ kind: 'niederschrift' as const, parts: true }] : []),
    { kind: 'auditReport', parts: false },
  ];
}

const bytes = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 });
/** 1536 → "1,5 KB" */
export const formatSize = (size: number): string => (size < 1024 ? `${size} Byte` : size < 1024 * 1024 ? `${bytes.format(size / 1024)} KB` : `${bytes.format(size / 1024 / 1024)} MB`);

/**
 * The documents issued for a motion or meeting (PDF, generated from its log and recorded with their
 * hashes): each with a download button, and a form to issue what the state allows. Auditors issue
 * only audit reports.
 */
export function Documents({ type, id, etag, offers }: { type: 'motion' | 'meeting'; id: string; etag: string | undefined; offers: DocumentOffer[] }) {
  const list = useQuery({
    queryKey: ['documents', id],
    queryFn: () => unwrap(type === 'motion' ? api.GET('/motions/{id}/documents', { params: { path: { id } } }) : api.GET('/meetings/{id}/documents', { params: { path: { id } } })),
  });
  const role = useMe().data?.role;
  const allowed = role === 'auditor' ? offers.filter((o) => o.kind === 'auditReport') : offers;
  return (
    <section aria-labelledby="documents-heading" className="section">
      <h2 id="documents-heading" className="kern-heading-medium">
        Dokumente
      </h2>
      <QueryState query={list} loading="Dokumente werden geladen …">
        {(l) => (l.documents.length === 0 ? <Empty>Noch kein Dokument ausgestellt.</Empty> : <DocumentTable documents={l.documents} />)}
      </QueryState>
      {role ? <IssueForm type={type} id={id} etag={etag} offers={allowed} /> : null}
    </section>
  );
}

function DocumentTable({ documents }: { documents: Document[] }) {
  return (
    <div className="kern-table-responsive" tabIndex={0} role="region" aria-label="Ausgestellte Dokumente">
      <table className="kern-table kern-table--striped" data-testid="documents">
        <caption className="kern-sr-only">Ausgestellte Dokumente mit Größe, Datum, Prüfsumme und Download</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th className="kern-table__header" scope="col">Dokument</th>
            <th className="kern-table__header" scope="col">Größe</th>
            <th className="kern-table__header" scope="col">Ausgestellt</th>
            <th className="kern-table__header" scope="col">SHA-256</th>
            <th className="kern-table__header" scope="col">Datei</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {[...documents].reverse().map((d) => (
            <tr key={`${d.instanceId}-${d.seq}`} className="kern-table__row">
              <th className="kern-table__header" scope="row">
                {d.title}
                <br />
                <span className="kern-body kern-body--small">
                  {KIND_LABEL[d.kind]}, {PART_LABEL[d.part]} · {d.fileName}
                </span>
              </th>
              <td className="kern-table__cell">{formatSize(d.size)}</td>
              <td className="kern-table__cell">
                {formatDateTime(d.issuedAt)}
                <br />
                <span className="kern-body kern-body--small">von {d.issuedBy}</span>
              </td>
              <td className="kern-table__cell">
                <Hash value={d.sha256} fileName={d.fileName} />
              </td>
              <td className="kern-table__cell">
                <DownloadButton document={d} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The hash shortened, the full value on hover, in the copy button and in an expandable line. */
function Hash({ value, fileName }: { value: string; fileName: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = () => {
    navigator.clipboard.writeText(value).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <details className="hash">
      <summary>
        <code title={value}>{value.slice(0, 12)}…</code>
      </summary>
      <code className="hash__full">{value}</code>
      <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={copy} aria-label={`SHA-256 von ${fileName} kopieren`}>
        <span className="kern-label">Kopieren</span>
      </button>
      <span className="kern-body kern-body--small" role="status">
        {copied === true ? 'Kopiert.' : copied === false ? 'Kopieren nicht möglich; bitte den Wert markieren.' : ''}
      </span>
    </details>
  );
}

function DownloadButton({ document: d }: { document: Document }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <button
        type="button"
        className="kern-btn kern-btn--secondary kern-btn--x-small"
        disabled={busy}
        aria-label={`${d.fileName} herunterladen`}
        onClick={() => {
          setBusy(true);
          setError(null);
          download(d.downloadUrl, d.fileName)
            .catch(setError)
            .finally(() => setBusy(false));
        }}
      >
        <span className="kern-icon kern-icon--download" aria-hidden="true" />
        <span className="kern-label">{busy ? 'Wird geladen …' : 'Herunterladen'}</span>
      </button>
      {error ? <ProblemAlert error={error} title="Download nicht möglich" /> : null}
    </>
  );
}

const ISSUE_CODES = ['DOCUMENT.NOT_RELEASED', 'DOCUMENT.NOT_INVITED', 'DOCUMENT.NOT_HELD', 'DOCUMENT.NOT_DECIDED', 'DOCUMENT.AUDITOR_REPORTS_ONLY', 'DOCUMENT.NO_HISTORY'];

/** Issue one document: its kind, the part (öffentlich / nichtöffentlich) and, for a Beschlussauszug, the proposal. */
function IssueForm({ type, id, etag, offers }: { type: 'motion' | 'meeting'; id: string; etag: string | undefined; offers: DocumentOffer[] }) {
  const [kind, setKind] = useState<Kind | ''>('');
  const [part, setPart] = useState<Part>('public');
  const [proposalKey, setProposalKey] = useState('');
  const headingId = useId();
  const offer = offers.find((o) => o.kind === kind) ?? offers[0];
  const body = offer ? { kind: offer.kind, ...(offer.parts ? { part } : {}), ...(offer.proposalKeys ? { proposalKey: proposalKey || offer.proposalKeys[0] } : {}) } : undefined;
  const cmd = useCommand<unknown, void>({
    etag,
    invalidate: [['documents', id], [type, id], ['instance', id], ['history', id]],
    run: (_: void, headers) =>
      type === 'motion'
        ? api.POST('/motions/{id}/documents', { params: { path: { id }, header: headers }, body: body as Schemas['IssueMotionDocumentDto'] })
        : api.POST('/meetings/{id}/documents', { params: { path: { id }, header: headers }, body: body as Schemas['IssueMeetingDocumentDto'] }),
  });
  if (!offer) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    cmd.mutate();
  };
  return (
    <form className="command-form kern-card" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <div className="kern-card__container kern-stack">
        <h3 className="kern-heading-small" id={headingId}>
          Dokument ausstellen
        </h3>
        <p className="kern-body kern-body--small">Das PDF wird aus dem Verlauf erzeugt und mit seinen Prüfsummen im Verlauf festgehalten.</p>
        {cmd.error ? <ProblemAlert error={cmd.error} title="Nicht ausgestellt" /> : null}
        <Field label="Art" errors={fieldMessages(cmd.error, 'kind', ISSUE_CODES)}>
          {(p) => (
            <Select {...p} value={offer.kind} onChange={(e) => setKind(e.target.value as Kind)}>
              {offers.map((o) => (
                <option key={o.kind} value={o.kind}>
                  {KIND_LABEL[o.kind]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {offer.parts ? (
          <Field label="Teil" errors={fieldMessages(cmd.error, 'part', ['DOCUMENT.NO_NON_PUBLIC_PART'])}>
            {(p) => (
              <Select {...p} value={part} onChange={(e) => setPart(e.target.value as Part)}>
                <option value="public">Öffentlicher Teil</option>
                <option value="nonPublic">Nichtöffentlicher Teil</option>
              </Select>
            )}
          </Field>
        ) : null}
        {offer.proposalKeys ? (
          <Field label="Beschlossener Vorschlag" errors={fieldMessages(cmd.error, 'proposalKey', ['DOCUMENT.NOT_ADOPTED', 'DOCUMENT.PROPOSAL_KEY_MISSING'])}>
            {(p) => (
              <Select {...p} value={proposalKey || offer.proposalKeys![0]} onChange={(e) => setProposalKey(e.target.value)}>
                {offer.proposalKeys!.map((k) => (
                  <option key={k} value={k}>
                    Beschlussvorschlag {k}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        ) : null}
        <div className="command-form__buttons">
          <button type="submit" className="kern-btn kern-btn--primary" disabled={cmd.isPending}>
            <span className="kern-label">{cmd.isPending ? 'Wird erzeugt …' : `${KIND_LABEL[offer.kind]} ausstellen`}</span>
          </button>
        </div>
      </div>
    </form>
  );
}
