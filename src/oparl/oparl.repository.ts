import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { Consultation, Outline, Proposal } from '../../workflows/motion';
import type { DocumentRow } from '../documents/documents.repository';
import { Database } from '../engine/database';
import type { ListQuery } from './list-query';
import { splitKey } from './urls';

/**
 * Every SQL statement of the OParl endpoint, read-only: a public read model over the council's
 * master data, meetings, agendas and released motions. All reads go through `pool`, so this one
 * class is what to point at a read replica (DATABASE_REPLICA_URL) once there is one.
 *
 * Each list has one base query (ending in a WHERE clause) producing `sort_key`, `created`, `modified` and `deleted`; `page`
 * adds the filters and the keyset condition around it, so a page costs the same at any depth.
 * What may be public is decided here, in SQL, and nowhere else: released motions only, public
 * agenda items only, persons only through their seats (docs/oparl.md, "Data protection").
 */

interface Base {
  sort_key: string;
  tenant: string;
  created: Date;
  modified: Date;
  deleted: boolean;
}

export interface BodyRow extends Base {
  name: string;
}

export interface OrganizationRow extends Base {
  name: string;
  kind: string;
  membership_ids: string[];
}

export interface PersonRow extends Base {
  name: string;
}

export interface MembershipRow extends Base {
  person_id: string;
  body_id: string;
  start: string;
  end: string | null;
  voting_right: boolean;
}

export interface MeetingRow extends Base {
  body_id: string;
  body_name: string;
  start: Date;
  location: string;
  state: string;
  invitation_date: string | null;
  location_created: Date;
}

export interface AgendaItemRow extends Base {
  meeting_id: string;
  position: number;
  title: string;
  motion_id: string | null;
  consultation: Consultation | null;
  proposals: Proposal[] | null;
}

export interface PaperRow extends Base {
  reference: string;
  title: string;
  outline: Outline;
  non_public_sections: string[];
  consultations: Consultation[];
  released_at: string;
}

export interface ConsultationRow extends Base {
  motion_id: string;
  no: number;
  consultation: Consultation;
  agenda_item_id: string | null;
  motion_modified: Date;
}

/** A public part of an issued document, with the columns the documents table has (DocumentRow). */
export interface FileRow extends Base, Pick<DocumentRow, 'instance_id' | 'seq' | 'title' | 'file_name' | 'mime_type' | 'size' | 'sha256' | 'sha512'> {
  workflow_type: 'motion' | 'meeting';
  kind: 'vorlage' | 'beschlussauszug' | 'einladung' | 'niederschrift';
}

export interface LocationRow extends Base {
  description: string;
  body_id: string;
}

export interface Page<R> {
  rows: R[];
  /** More rows lie beyond the page in its reading direction. */
  more: boolean;
}

/**
 * A motion's record, read once per row: `snapshot->'context'` of its instance by primary key. The
 * `OFFSET 0` keeps PostgreSQL from flattening it into a merge join that walks every instance from
 * the start of the key range (measured: 4 s instead of 2 ms for a page deep in 100,000 papers).
 */
const MOTION_RECORD = (idColumn: string) => `(SELECT w.snapshot->'context' AS c, w.updated_at FROM workflow_instances w WHERE w.id = ${idColumn} OFFSET 0)`;

const BODIES = `
  SELECT t.id AS sort_key, t.id AS tenant, t.name, t.created_at AS created, t.created_at AS modified, false AS deleted
    FROM tenants t
   WHERE true`;

const ORGANIZATIONS = `
  SELECT b.id AS sort_key, b.tenant, b.name, b.kind, b.created_at AS created,
         GREATEST(b.created_at, (SELECT max(s.created_at) FROM memberships s WHERE s.body_id = b.id)) AS modified, false AS deleted,
         ARRAY(SELECT s.id FROM memberships s WHERE s.body_id = b.id ORDER BY s.id)::text[] AS membership_ids
    FROM bodies b
   WHERE true`;

// a person is public through a seat on a body (an office holder), never on their own
const PERSONS = `
  SELECT p.id AS sort_key, p.tenant, p.name, p.created_at AS created,
         GREATEST(p.created_at, (SELECT max(s.created_at) FROM memberships s WHERE s.person_id = p.id)) AS modified, false AS deleted
    FROM persons p
   WHERE EXISTS (SELECT 1 FROM memberships s WHERE s.person_id = p.id)`;

const MEMBERSHIPS = `
  SELECT s.id AS sort_key, s.tenant, s.person_id, s.body_id, to_char(s.start, 'YYYY-MM-DD') AS start, to_char(s."end", 'YYYY-MM-DD') AS "end",
         s.voting_right, s.created_at AS created, s.created_at AS modified, false AS deleted
    FROM memberships s
   WHERE true`;

// an agenda item changes with its motion's record (result, removal): its modified is the later of the two
const AGENDA_ITEMS = `
  SELECT a.id AS sort_key, a.tenant, a.meeting_id, a.position, a.title, a.motion_instance_id AS motion_id,
         a.created_at AS created, GREATEST(a.created_at, i.updated_at) AS modified, a.status = 'removed' AS deleted,
         (SELECT x FROM jsonb_array_elements(i.c->'consultations') x WHERE (x->>'no')::int = a.consultation_no) AS consultation,
         i.c->'proposals' AS proposals
    FROM agenda_items a
    LEFT JOIN LATERAL ${MOTION_RECORD('a.motion_instance_id')} i ON true
   WHERE a.public`;

// a meeting embeds its public agenda: it changes whenever one of those items does
const MEETINGS = `
  SELECT mt.id AS sort_key, mt.tenant, mt.body_id, b.name AS body_name, mt.start, mt.location, mt.state,
         to_char(mt.invitation_date, 'YYYY-MM-DD') AS invitation_date, mt.created_at AS created, mt.created_at AS location_created,
         GREATEST(mt.updated_at, (SELECT max(GREATEST(a.created_at, i.updated_at)) FROM agenda_items a LEFT JOIN workflow_instances i ON i.id = a.motion_instance_id
                                   WHERE a.meeting_id = mt.id AND a.public)) AS modified,
         false AS deleted
    FROM meetings mt JOIN bodies b ON b.id = mt.body_id
   WHERE true`;

const LOCATIONS = `
  SELECT mt.id AS sort_key, mt.tenant, mt.location AS description, mt.body_id, mt.created_at AS created, mt.created_at AS modified, false AS deleted
    FROM meetings mt
   WHERE true`;

const PAPERS = `
  SELECT m.id AS sort_key, m.tenant, m.reference, m.title, m.non_public_sections,
         (i.c->>'releasedAt')::timestamptz AS created, i.c->>'releasedAt' AS released_at, i.updated_at AS modified, false AS deleted,
         i.c->'outline' AS outline, i.c->'consultations' AS consultations
    FROM motions m CROSS JOIN LATERAL ${MOTION_RECORD('m.id')} i
   WHERE i.c->>'releasedAt' IS NOT NULL`;

// one row per appearance of a released motion before a body; removed ones are deleted objects
const CONSULTATIONS = `
  SELECT m.id::text || '-' || lpad(x.c->>'no', 9, '0') AS sort_key, m.tenant, m.id AS motion_id, (x.c->>'no')::int AS no, x.c AS consultation,
         COALESCE((x.c->>'scheduledAt')::timestamptz, (x.c->>'heldAt')::timestamptz, (i.c->>'releasedAt')::timestamptz) AS created,
         i.updated_at AS modified, i.updated_at AS motion_modified, x.c->>'status' = 'removed' AS deleted,
         (SELECT a.id FROM agenda_items a WHERE a.motion_instance_id = m.id AND a.consultation_no = (x.c->>'no')::int AND a.public AND a.status = 'scheduled') AS agenda_item_id
    FROM motions m CROSS JOIN LATERAL ${MOTION_RECORD('m.id')} i
   CROSS JOIN LATERAL jsonb_array_elements(i.c->'consultations') AS x(c)
   WHERE i.c->>'releasedAt' IS NOT NULL`;

// issued documents: the public part only, never audit reports (they are the auditors'), and a
// motion's only once it is released; a meeting is public from the start (MEETINGS)
const FILES = `
  SELECT d.instance_id::text || '-' || lpad(d.seq::text, 9, '0') AS sort_key, d.tenant, d.instance_id, d.seq, i.workflow_type, d.kind, d.title, d.file_name,
         d.mime_type, d.size, d.sha256, d.sha512, d.issued_at AS created, d.issued_at AS modified, false AS deleted
    FROM documents d JOIN workflow_instances i ON i.id = d.instance_id
   WHERE d.part = 'public' AND d.kind <> 'auditReport'
     AND (i.workflow_type = 'meeting' OR (i.workflow_type = 'motion' AND i.snapshot->'context'->>'releasedAt' IS NOT NULL))`;

/** How a list's keys sort: uuids as uuids (the primary key's index), the rest as text. */
type KeyKind = 'uuid' | 'text';

@Injectable()
export class OParlRepository {
  constructor(private readonly db: Database) {}

  private get pool(): Pool {
    return this.db.pool;
  }

  bodies(q: ListQuery): Promise<Page<BodyRow>> {
    return this.page<BodyRow>(BODIES, undefined, [], q, 'text');
  }

  body(tenant: string): Promise<BodyRow | undefined> {
    return this.one<BodyRow>(BODIES, 't.id', tenant);
  }

  organizations(tenant: string, q: ListQuery): Promise<Page<OrganizationRow>> {
    return this.page<OrganizationRow>(ORGANIZATIONS, 'b.tenant', [tenant], q, 'uuid');
  }

  organization(id: string): Promise<OrganizationRow | undefined> {
    return this.one<OrganizationRow>(ORGANIZATIONS, 'b.id', id);
  }

  persons(tenant: string, q: ListQuery): Promise<Page<PersonRow>> {
    return this.page<PersonRow>(PERSONS, 'p.tenant', [tenant], q, 'uuid');
  }

  person(id: string): Promise<PersonRow | undefined> {
    return this.one<PersonRow>(PERSONS, 'p.id', id);
  }

  memberships(tenant: string, q: ListQuery): Promise<Page<MembershipRow>> {
    return this.page<MembershipRow>(MEMBERSHIPS, 's.tenant', [tenant], q, 'uuid');
  }

  membership(id: string): Promise<MembershipRow | undefined> {
    return this.one<MembershipRow>(MEMBERSHIPS, 's.id', id);
  }

  /** The seats of these persons, for their embedded `membership` lists. */
  async membershipsOf(personIds: readonly string[]): Promise<MembershipRow[]> {
    if (!personIds.length) return [];
    const { rows } = await this.pool.query<MembershipRow>(`${MEMBERSHIPS} AND s.person_id = ANY($1::uuid[]) ORDER BY s.start, s.id`, [personIds]);
    return rows;
  }

  meetings(tenant: string, q: ListQuery): Promise<Page<MeetingRow>> {
    return this.page<MeetingRow>(MEETINGS, 'mt.tenant', [tenant], q, 'uuid');
  }

  meeting(id: string): Promise<MeetingRow | undefined> {
    return this.one<MeetingRow>(MEETINGS, 'mt.id', id);
  }

  agendaItems(tenant: string, q: ListQuery): Promise<Page<AgendaItemRow>> {
    return this.page<AgendaItemRow>(AGENDA_ITEMS, 'a.tenant', [tenant], q, 'uuid');
  }

  agendaItem(id: string): Promise<AgendaItemRow | undefined> {
    return this.one<AgendaItemRow>(AGENDA_ITEMS, 'a.id', id);
  }

  /** The current public agenda of these meetings, in order: what a Meeting embeds (no removed items). */
  async agendasOf(meetingIds: readonly string[]): Promise<AgendaItemRow[]> {
    if (!meetingIds.length) return [];
    const { rows } = await this.pool.query<AgendaItemRow>(`${AGENDA_ITEMS} AND a.meeting_id = ANY($1::uuid[]) AND a.status = 'scheduled' ORDER BY a.position`, [meetingIds]);
    return rows;
  }

  papers(tenant: string, q: ListQuery): Promise<Page<PaperRow>> {
    return this.page<PaperRow>(PAPERS, 'm.tenant', [tenant], q, 'uuid');
  }

  paper(id: string): Promise<PaperRow | undefined> {
    return this.one<PaperRow>(PAPERS, 'm.id', id);
  }

  /** Public, current agenda items of these motions by consultation number: what an embedded Consultation links to. */
  async agendaItemLinks(tenant: string, motionIds: readonly string[]): Promise<{ motion_id: string; consultation_no: number; id: string }[]> {
    if (!motionIds.length) return [];
    const { rows } = await this.pool.query<{ motion_id: string; consultation_no: number; id: string }>(
      `SELECT motion_instance_id AS motion_id, consultation_no, id FROM agenda_items
        WHERE tenant = $1 AND motion_instance_id = ANY($2::uuid[]) AND public AND status = 'scheduled'`,
      [tenant, motionIds],
    );
    return rows;
  }

  consultations(tenant: string, q: ListQuery): Promise<Page<ConsultationRow>> {
    return this.page<ConsultationRow>(CONSULTATIONS, 'm.tenant', [tenant], q, 'text', numberedSortKey);
  }

  async consultation(motionId: string, no: number): Promise<ConsultationRow | undefined> {
    const { rows } = await this.pool.query<ConsultationRow>(`${CONSULTATIONS} AND m.id = $1 AND (x.c->>'no')::int = $2`, [motionId, no]);
    return rows[0];
  }

  files(tenant: string, q: ListQuery): Promise<Page<FileRow>> {
    return this.page<FileRow>(FILES, 'd.tenant', [tenant], q, 'text', numberedSortKey);
  }

  /** The public files of these motions or meetings, in the order they were issued. */
  async filesOf(instanceIds: readonly string[]): Promise<FileRow[]> {
    if (!instanceIds.length) return [];
    const { rows } = await this.pool.query<FileRow>(`${FILES} AND d.instance_id = ANY($1::uuid[]) ORDER BY d.instance_id, d.seq`, [instanceIds]);
    return rows;
  }

  async file(instanceId: string, seq: number): Promise<FileRow | undefined> {
    const { rows } = await this.pool.query<FileRow>(`${FILES} AND d.instance_id = $1 AND d.seq = $2`, [instanceId, seq]);
    return rows[0];
  }

  /** A public file's bytes, under the same rule as its object. */
  async fileContent(instanceId: string, seq: number): Promise<(FileRow & { content: Buffer }) | undefined> {
    const { rows } = await this.pool.query<FileRow & { content: Buffer }>(
      `SELECT f.*, d.content FROM (${FILES} AND d.instance_id = $1 AND d.seq = $2) f JOIN documents d ON d.instance_id = f.instance_id AND d.seq = f.seq`,
      [instanceId, seq],
    );
    return rows[0];
  }

  locations(tenant: string, q: ListQuery): Promise<Page<LocationRow>> {
    return this.page<LocationRow>(LOCATIONS, 'mt.tenant', [tenant], q, 'uuid');
  }

  location(id: string): Promise<LocationRow | undefined> {
    return this.one<LocationRow>(LOCATIONS, 'mt.id', id);
  }

  private async one<R>(base: string, column: string, value: string): Promise<R | undefined> {
    const { rows } = await this.pool.query<R & object>(`${base} AND ${column} = $1`, [value]);
    return rows[0];
  }

  /**
   * One page of a list: the base query restricted to the tenant, the date-time filters, deleted
   * rows only under `modified_since` (spec 2.5), and the keyset cursor; `limit + 1` rows are read to
   * know whether more follow. A `before` page is read backwards and turned around.
   */
  private async page<R extends Base>(base: string, tenantColumn: string | undefined, tenantParams: string[], q: ListQuery, kind: KeyKind, toSortKey: (key: string) => string = (k) => k): Promise<Page<R>> {
    const params: unknown[] = [...tenantParams];
    const outer: string[] = [];
    const inner = tenantColumn ? `${base} AND ${tenantColumn} = $1` : base;
    const cmp = (op: string, value: string) => outer.push(`s.modified ${op} $${params.push(value)}::timestamptz`);
    if (q.createdSince) outer.push(`s.created >= $${params.push(q.createdSince)}::timestamptz`);
    if (q.createdUntil) outer.push(`s.created <= $${params.push(q.createdUntil)}::timestamptz`);
    if (q.modifiedSince) cmp('>=', q.modifiedSince);
    if (q.modifiedUntil) cmp('<=', q.modifiedUntil);
    if (!q.modifiedSince) outer.push('NOT s.deleted');
    const backwards = q.before !== undefined;
    const cursor = q.after ?? q.before;
    if (cursor !== undefined) outer.push(`s.sort_key ${backwards ? '<' : '>'} $${params.push(toSortKey(cursor))}::${kind}`);
    const sql = `SELECT * FROM (${inner}) s ${outer.length ? `WHERE ${outer.join(' AND ')}` : ''}
                 ORDER BY s.sort_key ${backwards ? 'DESC' : 'ASC'} LIMIT $${params.push(q.limit + 1)}`;
    const { rows } = await this.pool.query<R>(sql, params);
    const more = rows.length > q.limit;
    const page = rows.slice(0, q.limit);
    return { rows: backwards ? page.reverse() : page, more };
  }
}

/** `{uuid}-{no}` (consultations, files) → the list's text sort key (number zero-padded, so 10 sorts after 9). */
function numberedSortKey(key: string): string {
  const [id, n] = splitKey(key);
  return `${id}-${String(n).padStart(9, '0')}`;
}
