/**
 * Our records as OParl 1.1 objects (docs/oparl.md has the table). Pure: rows in, objects out; what
 * may be public was already decided by the repository's queries. Embedded objects leave out the
 * back-reference to their parent (spec 3.0) and never include deleted ones (spec 2.5).
 */
import type { Consultation, ConsultationRole, Outline, Proposal, ProposalResult, Votes } from '../../workflows/motion';
import { OUTLINE_SECTIONS } from '../motions/visibility';
import { compact, date, dateTime } from './format';
import type { AgendaItemRow, BodyRow, ConsultationRow, FileRow, LocationRow, MeetingRow, MembershipRow, OrganizationRow, PaperRow, PersonRow } from './oparl.repository';
import { SCHEMA, type OParlType, type OParlUrls, type ObjectSegment } from './urls';

export type OParlObject = Record<string, unknown>;

/** Our vendor prefix for extension properties (spec 3.0, "Herstellerspezifische Erweiterungen"). */
export const VENDOR = 'beschlussweg';

const MANDATORY_ARRAYS = new Set(['legislativeTerm', 'data']);

const typeUrl = (type: OParlType | 'System') => `${SCHEMA}${type}`;

/** Every object carries created and modified (spec 3.1), including embedded ones. */
function stamp(row: { created: Date; modified: Date }): { created: string; modified: string } {
  return { created: dateTime(row.created), modified: dateTime(row.modified) };
}

/** A deleted object keeps id, type and created; modified is the time of deletion (spec 2.8). */
export function deletedObject(urls: OParlUrls, segment: ObjectSegment, type: OParlType, key: string, row: { created: Date; modified: Date }): OParlObject {
  return { id: urls.object(segment, key), type: typeUrl(type), ...stamp(row), deleted: true };
}

export class OParlMapper {
  constructor(
    private readonly urls: OParlUrls,
    /** The API's own base (PUBLIC_BASE_URL), for links to the audit record. */
    private readonly apiBase: string,
  ) {}

  private done(object: OParlObject): OParlObject {
    return compact(object, MANDATORY_ARRAYS);
  }

  private auditRecord(instanceId: string): string {
    return `${this.apiBase}/audit/instances/${instanceId}/history`;
  }

  system(times: { created: Date; modified: Date } | undefined): OParlObject {
    return this.done({
      id: this.urls.system(),
      type: typeUrl('System'),
      oparlVersion: SCHEMA,
      body: this.urls.bodyList(),
      name: 'Beschlussweg',
      website: this.apiBase,
      ...(times ? stamp(times) : {}),
    });
  }

  body(row: BodyRow): OParlObject {
    const list = (l: Parameters<OParlUrls['list']>[1]) => this.urls.list(row.tenant, l);
    return this.done({
      id: this.urls.object('body', row.tenant),
      type: typeUrl('Body'),
      system: this.urls.system(),
      name: row.name,
      organization: list('organization'),
      person: list('person'),
      meeting: list('meeting'),
      paper: list('paper'),
      // we keep no Wahlperioden yet (docs/oparl.md): the mandatory embedded list is empty
      legislativeTerm: [],
      agendaItem: list('agenda-item'),
      consultation: list('consultation'),
      membership: list('membership'),
      locationList: list('location'),
      file: list('file'),
      legislativeTermList: list('legislative-term'),
      ...stamp(row),
    });
  }

  organization(row: OrganizationRow): OParlObject {
    return this.done({
      id: this.urls.object('organization', row.sort_key),
      type: typeUrl('Organization'),
      body: this.urls.object('body', row.tenant),
      name: row.name,
      organizationType: 'Gremium',
      classification: BODY_KIND[row.kind] ?? row.kind,
      membership: row.membership_ids.map((id) => this.urls.object('membership', id)),
      ...stamp(row),
    });
  }

  person(row: PersonRow, memberships: readonly MembershipRow[] | undefined): OParlObject {
    return this.done({
      id: this.urls.object('person', row.sort_key),
      type: typeUrl('Person'),
      body: this.urls.object('body', row.tenant),
      name: row.name,
      membership: memberships?.map((m) => this.membership(m, true)),
      ...stamp(row),
    });
  }

  membership(row: MembershipRow, embedded = false): OParlObject {
    return this.done({
      id: this.urls.object('membership', row.sort_key),
      type: typeUrl('Membership'),
      person: embedded ? undefined : this.urls.object('person', row.person_id),
      organization: this.urls.object('organization', row.body_id),
      votingRight: row.voting_right,
      startDate: row.start,
      endDate: row.end,
      ...stamp(row),
    });
  }

  location(row: LocationRow, embedded = false): OParlObject {
    return this.done({
      id: this.urls.object('location', row.sort_key),
      type: typeUrl('Location'),
      description: row.description,
      bodies: embedded ? undefined : [this.urls.object('body', row.tenant)],
      meetings: embedded ? undefined : [this.urls.object('meeting', row.sort_key)],
      ...stamp(row),
    });
  }

  meeting(row: MeetingRow, agenda: readonly AgendaItemRow[] | undefined, files: readonly FileRow[]): OParlObject {
    const { main: invitation, rest } = latest(files, 'einladung');
    const { main: resultsProtocol, rest: auxiliary } = latest(rest, 'niederschrift');
    const location: LocationRow = { sort_key: row.sort_key, tenant: row.tenant, description: row.location, body_id: row.body_id, created: row.location_created, modified: row.location_created, deleted: false };
    return this.done({
      id: this.urls.object('meeting', row.sort_key),
      type: typeUrl('Meeting'),
      name: `${row.body_name}, Sitzung am ${germanDate(date(row.start))}`,
      meetingState: meetingState(row),
      cancelled: row.state === 'cancelled',
      start: dateTime(row.start),
      location: this.location(location, true),
      organization: [this.urls.object('organization', row.body_id)],
      agendaItem: agenda?.map((a) => this.agendaItem(a, true)),
      invitation: invitation && this.file(invitation, true),
      resultsProtocol: resultsProtocol && this.file(resultsProtocol, true),
      auxiliaryFile: auxiliary.map((f) => this.file(f, true)),
      [`${VENDOR}:auditRecord`]: this.auditRecord(row.sort_key),
      ...stamp(row),
    });
  }

  agendaItem(row: AgendaItemRow, embedded = false): OParlObject {
    // `order` stays: the official schema requires it even of a deleted item
    if (row.deleted) return { ...deletedObject(this.urls, 'agenda-item', 'AgendaItem', row.sort_key, row), order: row.position };
    const c = row.consultation;
    return this.done({
      id: this.urls.object('agenda-item', row.sort_key),
      type: typeUrl('AgendaItem'),
      meeting: embedded ? undefined : this.urls.object('meeting', row.meeting_id),
      number: String(row.position),
      order: row.position,
      name: row.title,
      public: true,
      consultation: row.motion_id && c && c.status !== 'removed' ? this.urls.object('consultation', this.urls.consultationKey(row.motion_id, c.no)) : undefined,
      result: c ? resultText(c) : undefined,
      resolutionText: c && row.proposals ? resolutionText(c, row.proposals) : undefined,
      ...stamp(row),
    });
  }

  paper(row: PaperRow, agendaItems: ReadonlyMap<number, string>, files: readonly FileRow[], omitInternal: boolean): OParlObject {
    const consultations = row.consultations.filter((c) => c.status !== 'removed');
    const { main, rest } = latest(files, 'vorlage');
    return this.done({
      id: this.urls.object('paper', row.sort_key),
      type: typeUrl('Paper'),
      body: this.urls.object('body', row.tenant),
      name: row.title,
      reference: row.reference,
      date: date(row.released_at),
      paperType: 'Beschlussvorlage',
      mainFile: main && this.file(main, true),
      auxiliaryFile: rest.map((f) => this.file(f, true)),
      consultation: omitInternal
        ? undefined
        : consultations.map((c) => this.consultationObject(row.sort_key, c, agendaItems.get(c.no), { created: consultationCreated(c, row.released_at), modified: row.modified }, true)),
      [`${VENDOR}:outline`]: publicOutline(row.outline, row.non_public_sections),
      [`${VENDOR}:auditRecord`]: this.auditRecord(row.sort_key),
      ...stamp(row),
    });
  }

  /**
   * An issued document (public part only, chosen by the repository). `accessUrl` shows it in the
   * browser, `downloadUrl` downloads it; both are public like the rest of the endpoint. The date is
   * the day it was issued; `sha512Checksum` is the hash recorded in the log's DOCUMENT_ISSUED event.
   */
  file(row: FileRow, embedded = false): OParlObject {
    const parent = row.workflow_type === 'motion' ? 'paper' : 'meeting';
    return this.done({
      id: this.urls.object('file', this.urls.fileKey(row.instance_id, row.seq)),
      type: typeUrl('File'),
      name: row.title,
      fileName: row.file_name,
      mimeType: row.mime_type,
      date: date(row.created),
      size: row.size,
      sha512Checksum: row.sha512,
      accessUrl: this.urls.fileContent(row.instance_id, row.seq, 'access'),
      downloadUrl: this.urls.fileContent(row.instance_id, row.seq, 'download'),
      [parent]: embedded ? undefined : [this.urls.object(parent, row.instance_id)],
      [`${VENDOR}:kind`]: FILE_KIND[row.kind],
      [`${VENDOR}:auditRecord`]: this.auditRecord(row.instance_id),
      ...stamp(row),
    });
  }

  consultation(row: ConsultationRow): OParlObject {
    const key = this.urls.consultationKey(row.motion_id, row.no);
    if (row.deleted) return deletedObject(this.urls, 'consultation', 'Consultation', key, row);
    return this.consultationObject(row.motion_id, row.consultation, row.agenda_item_id ?? undefined, row, false);
  }

  private consultationObject(motionId: string, c: Consultation, agendaItemId: string | undefined, times: { created: Date; modified: Date }, embedded: boolean): OParlObject {
    return this.done({
      id: this.urls.object('consultation', this.urls.consultationKey(motionId, c.no)),
      type: typeUrl('Consultation'),
      paper: embedded ? undefined : this.urls.object('paper', motionId),
      agendaItem: agendaItemId ? this.urls.object('agenda-item', agendaItemId) : undefined,
      meeting: c.meetingId ? this.urls.object('meeting', c.meetingId) : undefined,
      organization: [this.urls.object('organization', c.bodyId)],
      authoritative: c.role === 'entscheidung' || c.role === 'dringlichkeitsentscheidung',
      role: CONSULTATION_ROLE[c.role],
      ...stamp(times),
    });
  }
}

const FILE_KIND: Record<FileRow['kind'], string> = { vorlage: 'Vorlage', beschlussauszug: 'Beschlussauszug', einladung: 'Einladung', niederschrift: 'Niederschrift' };

/** The last issued file of one kind (a re-issue replaces it), and every other file. */
function latest(files: readonly FileRow[], kind: FileRow['kind']): { main: FileRow | undefined; rest: FileRow[] } {
  const main = files.filter((f) => f.kind === kind).at(-1);
  return { main, rest: files.filter((f) => f !== main) };
}

const BODY_KIND: Record<string, string> = { kreistag: 'Kreistag', kreisausschuss: 'Kreisausschuss', ausschuss: 'Ausschuss' };

const CONSULTATION_ROLE: Record<ConsultationRole, string> = {
  vorberatung: 'Vorberatung',
  entscheidung: 'Entscheidung',
  kenntnisnahme: 'Kenntnisnahme',
  anhoerung: 'Anhörung',
  dringlichkeitsentscheidung: 'Dringlichkeitsentscheidung',
  genehmigung: 'Genehmigung der Dringlichkeitsentscheidung',
  aufhebung: 'Aufhebung der Dringlichkeitsentscheidung',
};

const OUTCOME: Record<ProposalResult['outcome'], string> = {
  recommended: 'empfohlen',
  recommendedWithAmendment: 'mit Änderung empfohlen',
  notRecommended: 'nicht empfohlen',
  adopted: 'unverändert beschlossen',
  adoptedWithAmendment: 'geändert beschlossen',
  rejected: 'abgelehnt',
  postponed: 'vertagt',
  referredBack: 'an die Verwaltung zurückverwiesen',
  takenNote: 'zur Kenntnis genommen',
};

/** Outcomes whose proposal text is what the body resolved (a recommendation or a decision). */
const RESOLVING = new Set<ProposalResult['outcome']>(['recommended', 'recommendedWithAmendment', 'adopted', 'adoptedWithAmendment']);

const germanDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

function meetingState(row: MeetingRow): string {
  switch (row.state) {
    case 'held':
    case 'minutesApproved':
      return 'durchgeführt';
    case 'invited':
      return 'eingeladen';
    default:
      return row.invitation_date ? 'eingeladen' : 'terminiert';
  }
}

function voteText(v: Votes): string {
  return `Ja ${v.ja}, Nein ${v.nein}, Enthaltung ${v.enthaltung}${v.befangen ? `, befangen ${v.befangen}` : ''}`;
}

/** `result` of an agenda item: each proposal's recorded outcome with its votes; undefined before any. */
export function resultText(c: Consultation): string | undefined {
  const results = Object.entries(c.results ?? {});
  const one = ([, r]: [string, ProposalResult]) => `${OUTCOME[r.outcome]}${r.votes ? ` (${voteText(r.votes)})` : ''}`;
  if (results.length === 1) return one(results[0]!);
  if (results.length > 1) return results.map((e) => `Beschlussvorschlag ${e[0]}: ${one(e)}`).join('; ');
  return c.vote ? `Abstimmung: ${voteText(c.vote)}` : undefined;
}

/** `resolutionText`: the wording each proposal was recommended or adopted in (after any amendment). */
export function resolutionText(c: Consultation, proposals: readonly Proposal[]): string | undefined {
  const texts = Object.entries(c.results ?? {}).flatMap(([key, r]) => {
    if (!RESOLVING.has(r.outcome)) return [];
    const version = proposals.find((p) => p.key === key)?.versions.find((v) => v.version === (r.newVersion ?? r.deliberatedVersion));
    return version ? [{ key, text: version.text }] : [];
  });
  if (texts.length === 0) return undefined;
  return texts.length === 1 ? texts[0]!.text : texts.map((t) => `${t.key}. ${t.text}`).join('\n\n');
}

/** The outline sections that are not nichtöffentlich, by our section names. */
export function publicOutline(outline: Outline, nonPublic: readonly string[]): Partial<Outline> | undefined {
  const out: Partial<Outline> = {};
  for (const s of OUTLINE_SECTIONS) if (!nonPublic.includes(s) && outline[s]) out[s] = outline[s];
  return Object.keys(out).length ? out : undefined;
}

/** When a consultation came into being: scheduled, else held (urgent records), else the release. */
export function consultationCreated(c: Consultation, releasedAt: string): Date {
  return new Date(c.scheduledAt ?? c.heldAt ?? releasedAt);
}
