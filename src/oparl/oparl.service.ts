import { Injectable } from '@nestjs/common';
import { readConfig } from '../config';
import type { ListQuery } from './list-query';
import { toQuery } from './list-query';
import { OParlMapper, type OParlObject } from './mapping';
import { OParlRepository, type AgendaItemRow, type FileRow, type MembershipRow, type Page } from './oparl.repository';
import { OParlUrls, splitKey, type ListSegment, type ObjectSegment } from './urls';

export interface ListPage {
  data: OParlObject[];
  pagination: { elementsPerPage: number };
  links: { first: string; prev?: string; self: string; next?: string };
}

/** What one list does: read a page of rows, then turn them into objects (with what they embed). */
interface ListSource {
  read: (tenant: string, q: ListQuery) => Promise<Page<{ sort_key: string }>>;
  map: (rows: never[], q: ListQuery) => Promise<OParlObject[]>;
  /** The row key as it appears in URLs and cursors, when it is not the sort key. */
  key?: (row: never) => string;
}

/**
 * The OParl endpoint's answers: the System, one object by its URL key, and pages of a Body's
 * lists. Files are also embedded in their Paper or Meeting; their bytes are one segment below their URL.
 */
@Injectable()
export class OParlService {
  readonly urls: OParlUrls;
  private readonly mapper: OParlMapper;

  constructor(private readonly repository: OParlRepository) {
    const base = readConfig().publicBaseUrl;
    this.urls = new OParlUrls(base);
    this.mapper = new OParlMapper(this.urls, base);
  }

  async system(): Promise<OParlObject> {
    const first = await this.repository.bodies({ omitInternal: false, limit: 1 });
    const times = first.rows[0] && { created: first.rows[0].created, modified: first.rows[0].modified };
    return this.mapper.system(times);
  }

  /** One object by its canonical key; undefined when there is none (or it is not public). */
  async object(segment: ObjectSegment, key: string): Promise<OParlObject | undefined> {
    const r = this.repository;
    switch (segment) {
      case 'body': {
        const row = await r.body(key);
        return row && this.mapper.body(row);
      }
      case 'organization': {
        const row = await r.organization(key);
        return row && this.mapper.organization(row);
      }
      case 'person': {
        const row = await r.person(key);
        return row && this.mapper.person(row, await r.membershipsOf([key]));
      }
      case 'membership': {
        const row = await r.membership(key);
        return row && this.mapper.membership(row);
      }
      case 'legislative-term':
        return undefined;
      case 'meeting': {
        const row = await r.meeting(key);
        return row && this.mapper.meeting(row, await r.agendasOf([key]), await r.filesOf([key]));
      }
      case 'agenda-item': {
        const row = await r.agendaItem(key);
        return row && this.mapper.agendaItem(row);
      }
      case 'paper': {
        const row = await r.paper(key);
        return row && (await this.papers([row], false))[0];
      }
      case 'consultation': {
        const row = await r.consultation(...splitKey(key));
        return row && this.mapper.consultation(row);
      }
      case 'location': {
        const row = await r.location(key);
        return row && this.mapper.location(row);
      }
      case 'file': {
        const row = await r.file(...splitKey(key));
        return row && this.mapper.file(row);
      }
    }
  }

  /** A public file's bytes by its object key; undefined when there is no such public file. */
  fileContent(key: string): Promise<(FileRow & { content: Buffer }) | undefined> {
    return this.repository.fileContent(...splitKey(key));
  }

  /** The System's list of bodies. */
  async bodyList(q: ListQuery): Promise<ListPage> {
    const page = await this.repository.bodies(q);
    return this.listPage(page, page.rows.map((b) => this.mapper.body(b)), q, (query) => `${this.urls.bodyList()}${query ? `?${query}` : ''}`, (row) => row.sort_key);
  }

  /** A page of one of a Body's lists; undefined when the Körperschaft does not exist. */
  async list(tenant: string, list: ListSegment, q: ListQuery): Promise<ListPage | undefined> {
    const source = this.sources[list];
    const page = await source.read(tenant, q);
    // rows are the Körperschaft's own: only an empty page needs to ask whether it exists
    if (page.rows.length === 0 && !(await this.repository.body(tenant))) return undefined;
    const data = await source.map(page.rows as never[], q);
    const key = source.key ?? ((row: { sort_key: string }) => row.sort_key);
    return this.listPage(page, data, q, (query) => this.urls.list(tenant, list, query), key as (row: { sort_key: string }) => string);
  }

  private readonly sources: Record<ListSegment, ListSource> = {
    organization: { read: (t, q) => this.repository.organizations(t, q), map: async (rows: Parameters<OParlMapper['organization']>[0][]) => rows.map((o) => this.mapper.organization(o)) },
    person: {
      read: (t, q) => this.repository.persons(t, q),
      map: async (rows: Parameters<OParlMapper['person']>[0][], q) => {
        const seats = q.omitInternal ? undefined : groupBy(await this.repository.membershipsOf(rows.map((p) => p.sort_key)), (m: MembershipRow) => m.person_id);
        return rows.map((p) => this.mapper.person(p, seats ? (seats.get(p.sort_key) ?? []) : undefined));
      },
    },
    membership: { read: (t, q) => this.repository.memberships(t, q), map: async (rows: MembershipRow[]) => rows.map((m) => this.mapper.membership(m)) },
    'legislative-term': { read: async () => ({ rows: [], more: false }), map: async () => [] },
    meeting: {
      read: (t, q) => this.repository.meetings(t, q),
      map: async (rows: Parameters<OParlMapper['meeting']>[0][], q) => {
        const ids = rows.map((m) => m.sort_key);
        const agendas = q.omitInternal ? undefined : groupBy(await this.repository.agendasOf(ids), (a: AgendaItemRow) => a.meeting_id);
        const files = groupBy(await this.repository.filesOf(ids), (f: FileRow) => f.instance_id);
        return rows.map((m) => this.mapper.meeting(m, agendas ? (agendas.get(m.sort_key) ?? []) : undefined, files.get(m.sort_key) ?? []));
      },
    },
    'agenda-item': { read: (t, q) => this.repository.agendaItems(t, q), map: async (rows: AgendaItemRow[]) => rows.map((a) => this.mapper.agendaItem(a)) },
    paper: { read: (t, q) => this.repository.papers(t, q), map: (rows: Parameters<OParlService['papers']>[0], q) => this.papers(rows, q.omitInternal) },
    consultation: {
      read: (t, q) => this.repository.consultations(t, q),
      map: async (rows: Parameters<OParlMapper['consultation']>[0][]) => rows.map((c) => this.mapper.consultation(c)),
      key: (row: Parameters<OParlMapper['consultation']>[0]) => this.urls.consultationKey(row.motion_id, row.no),
    },
    file: {
      read: (t, q) => this.repository.files(t, q),
      map: async (rows: FileRow[]) => rows.map((f) => this.mapper.file(f)),
      key: (row: FileRow) => this.urls.fileKey(row.instance_id, row.seq),
    },
    location: { read: (t, q) => this.repository.locations(t, q), map: async (rows: Parameters<OParlMapper['location']>[0][]) => rows.map((l) => this.mapper.location(l)) },
  };

  private async papers(rows: Parameters<OParlMapper['paper']>[0][], omitInternal: boolean): Promise<OParlObject[]> {
    const ids = rows.map((p) => p.sort_key);
    const [links, files] = await Promise.all([omitInternal || !rows[0] ? [] : this.repository.agendaItemLinks(rows[0].tenant, ids), this.repository.filesOf(ids)]);
    const byMotion = groupBy(links, (l) => l.motion_id);
    const filesOf = groupBy(files, (f) => f.instance_id);
    return rows.map((p) => this.mapper.paper(p, new Map((byMotion.get(p.sort_key) ?? []).map((l) => [l.consultation_no, l.id])), filesOf.get(p.sort_key) ?? [], omitInternal));
  }

  /**
   * `data`, `pagination` and `links` (spec 2.5). Every link carries the filters, `omit_internal` and
   * `limit`; `next`/`prev` move the keyset cursor. There is no `last` and no page count: a keyset
   * list does not know them without counting every row, which is the cost this design avoids.
   */
  private listPage<R extends { sort_key: string }>(page: Page<R>, data: OParlObject[], q: ListQuery, url: (query: string) => string, key: (row: R) => string): ListPage {
    const first = page.rows[0];
    const last = page.rows[page.rows.length - 1];
    const backwards = q.before !== undefined;
    const hasNext = backwards ? true : page.more;
    const hasPrev = backwards ? page.more : q.after !== undefined;
    const links: ListPage['links'] = { first: url(toQuery(q)), self: url(toQuery(q, { after: q.after, before: q.before })) };
    if (hasPrev) links.prev = url(toQuery(q, first ? { before: key(first) } : { before: q.after }));
    if (hasNext && (last || q.before)) links.next = url(toQuery(q, last ? { after: key(last) } : { after: q.before }));
    return { data, pagination: { elementsPerPage: q.limit }, links };
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list) list.push(item);
    else map.set(key(item), [item]);
  }
  return map;
}
