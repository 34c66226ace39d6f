import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Competences } from '../../workflows/motion';
import { citationKey, closestCitation, reservedToKreistag } from '../../workflows/motion/citation';
import { Clock } from '../common/clock';
import { DomainError, invalid, notFound } from '../common/problem';
import type { RequestContext } from '../engine/types';
import type { AddMembersDto, CreateBodyDto, CreateCompetenceDto, GrantCompetenceDto } from './dto/council.dto';
import type { BodyEntity, CompetenceEntity, MembershipEntity, PersonEntity } from './entities';
import { CouncilRepository } from './council.repository';

const tidy = (s: string): string => s.replace(/\s+/g, ' ').trim();

export interface HeldCompetence {
  competence: CompetenceEntity;
  source: 'law' | 'delegated';
  basis: string | null;
}

/** A seat is held on `day` when the day lies within its start and end. */
const seatOn = (m: Period, day: string): boolean => m.start <= day && (m.end === null || day <= m.end);
const overlaps = (a: Period, b: Period): boolean => seatOn(a, b.start) || seatOn(b, a.start);
type Period = { start: string; end: string | null };

/**
 * The council's master data: bodies (Gremien), the competence catalogue, which body holds what,
 * and who sits where. The motion service reads competences and seats from here; clients never
 * supply them.
 */
@Injectable()
export class CouncilService {
  constructor(
    private readonly repository: CouncilRepository,
    private readonly clock: Clock,
  ) {}

  // ---- bodies -----------------------------------------------------------------------------

  async createBody(ctx: RequestContext, dto: CreateBodyDto): Promise<BodyEntity> {
    if (dto.urgentInvitationPeriodDays > dto.invitationPeriodDays) {
      throw invalid('BODY.INVALID_PERIODS', 'The urgent invitation period cannot be longer than the ordinary one.');
    }
    const row = this.repository.newBody({ ...dto, name: tidy(dto.name), tenant: ctx.tenant, createdAt: this.clock.now() });
    const exists = new DomainError(409, 'BODY.EXISTS', `A body named "${row.name}" already exists.`);
    if (await this.repository.bodyNamed(ctx.tenant, row.name)) throw exists;
    await this.repository.insertBody(row, exists);
    return row;
  }

  listBodies(ctx: RequestContext): Promise<BodyEntity[]> {
    return this.repository.listBodies(ctx.tenant);
  }

  async body(ctx: RequestContext, id: string): Promise<BodyEntity> {
    const body = await this.repository.body(ctx.tenant, id);
    if (!body) throw notFound('Body', id);
    return body;
  }

  async bodyWithCompetences(ctx: RequestContext, id: string): Promise<{ body: BodyEntity; competences: HeldCompetence[] }> {
    const body = await this.body(ctx, id);
    const held = await this.heldCompetences(ctx, [body]);
    return { body, competences: held.get(body.id) ?? [] };
  }

  findBodies(ctx: RequestContext, ids: readonly string[]): Promise<BodyEntity[]> {
    return this.repository.bodiesById(ctx.tenant, ids);
  }

  /** Bodies named in a request body: 422 naming the unknown ones. */
  async bodiesById(ctx: RequestContext, ids: readonly string[], code: string): Promise<Map<string, BodyEntity>> {
    const wanted = [...new Set(ids)];
    const found = await this.findBodies(ctx, wanted);
    const byId = new Map(found.map((b) => [b.id, b]));
    const missing = wanted.filter((id) => !byId.has(id));
    if (missing.length) throw invalid(code, `No body with id ${missing.join(', ')} exists in your Körperschaft.`, { bodyIds: missing });
    return byId;
  }

  // ---- competences ------------------------------------------------------------------------

  async createCompetence(ctx: RequestContext, dto: CreateCompetenceDto): Promise<CompetenceEntity> {
    if (dto.reserved && dto.holderKinds.length === 0) {
      throw invalid('COMPETENCE.RESERVED_WITHOUT_HOLDER', 'A reserved competence must name the body kinds it is reserved to.');
    }
    const citation = tidy(dto.citation);
    if (reservedToKreistag(citation) && (!dto.reserved || dto.holderKinds.join() !== 'kreistag')) {
      throw invalid('COMPETENCE.RESERVED_TO_KREISTAG', `${citation} is a matter § 26 Abs. 1 KrO NRW reserves to the Kreistag: enter it as reserved to the Kreistag alone.`, { citation });
    }
    const row = this.repository.newCompetence({
      tenant: ctx.tenant,
      citation,
      citationKey: citationKey(citation),
      text: dto.text.trim(),
      verified: dto.verified,
      holderKinds: dto.holderKinds,
      reserved: dto.reserved,
      majority: dto.majority ?? null,
      createdAt: this.clock.now(),
    });
    const existing = await this.repository.competenceByKey(ctx.tenant, row.citationKey);
    const exists = new DomainError(409, 'COMPETENCE.EXISTS', `The catalogue already has this provision as "${existing?.citation ?? citation}".`, { existing: existing?.citation ?? citation });
    if (existing) throw exists;
    await this.repository.insertCompetence(row, exists);
    return row;
  }

  listCompetences(ctx: RequestContext): Promise<CompetenceEntity[]> {
    return this.repository.catalogueOf(ctx.tenant);
  }

  /** The catalogue entry for a citation as a client wrote it; 422 when the catalogue lacks it. */
  async competenceByCitation(ctx: RequestContext, citation: string): Promise<CompetenceEntity> {
    const found = await this.repository.competenceByKey(ctx.tenant, citationKey(citation));
    if (!found) {
      const closest = closestCitation(citation, (await this.listCompetences(ctx)).map((c) => c.citation));
      const hint = closest ? `Did you mean "${closest}"? ` : '';
      throw invalid('MOTION.UNKNOWN_LEGAL_BASIS', `"${citation}" is not in the competence catalogue. ${hint}An admin adds new entries, so it is known who may decide on them.`, { citation, closest: closest ?? null });
    }
    return found;
  }

  async grantCompetence(ctx: RequestContext, bodyId: string, dto: GrantCompetenceDto): Promise<HeldCompetence> {
    const body = await this.body(ctx, bodyId);
    const competence = await this.repository.competence(ctx.tenant, dto.competenceId);
    if (!competence) throw invalid('COMPETENCE.UNKNOWN', `There is no competence catalogue entry ${dto.competenceId}.`);
    if (competence.holderKinds.includes(body.kind)) {
      throw new DomainError(409, 'COMPETENCE.ALREADY_HELD', `${body.name} holds ${competence.citation} by law already.`);
    }
    if (competence.reserved) {
      throw invalid(
        'COMPETENCE.NOT_DELEGABLE',
        `${competence.citation} is reserved to ${competence.holderKinds.join(' or ')}; it cannot be transferred to ${body.name}.`,
      );
    }
    const row = this.repository.newTransfer({ tenant: ctx.tenant, bodyId, competenceId: competence.id, basis: dto.basis.trim(), createdAt: this.clock.now() });
    const held = new DomainError(409, 'COMPETENCE.ALREADY_HELD', `${body.name} already holds ${competence.citation}.`);
    if (await this.repository.transferExists(bodyId, competence.id)) throw held;
    await this.repository.insertTransfer(row, held);
    return { competence, source: 'delegated', basis: row.basis };
  }

  /** What each body may decide: its kind's competences by law plus those transferred to it. */
  async heldCompetences(ctx: RequestContext, bodies: readonly BodyEntity[]): Promise<Map<string, HeldCompetence[]>> {
    const result = new Map<string, HeldCompetence[]>(bodies.map((b) => [b.id, []]));
    if (!bodies.length) return result;
    const catalogue = await this.repository.catalogueOf(ctx.tenant);
    const transfers = await this.repository.transfersTo(ctx.tenant, bodies.map((b) => b.id));
    for (const body of bodies) {
      const held = result.get(body.id)!;
      for (const competence of catalogue) {
        if (competence.holderKinds.includes(body.kind)) held.push({ competence, source: 'law', basis: null });
        const transfer = transfers.find((t) => t.bodyId === body.id && t.competenceId === competence.id);
        if (transfer) held.push({ competence, source: 'delegated', basis: transfer.basis });
      }
    }
    return result;
  }

  /** The machine's view of it: citations per body id. */
  async competences(ctx: RequestContext, bodies: readonly BodyEntity[]): Promise<Competences> {
    const held = await this.heldCompetences(ctx, bodies);
    return Object.fromEntries([...held].map(([id, list]) => [id, list.map((h) => h.competence.citation)]));
  }

  // ---- members ----------------------------------------------------------------------------

  /**
   * Adds seats in one transaction. Refused: unknown persons, an end before the start, a person
   * seated twice at once, and more voting seats at any time than the body's statutory size.
   */
  async addMembers(ctx: RequestContext, bodyId: string, dto: AddMembersDto): Promise<{ membership: MembershipEntity; person: PersonEntity }[]> {
    await this.body(ctx, bodyId);
    for (const [i, m] of dto.members.entries()) {
      if ((m.personId === undefined) === (m.name === undefined)) {
        throw invalid('BODY.MEMBER_IDENTITY', `Member ${i + 1}: give either personId (an existing person) or name (a new one).`);
      }
      if (m.end !== undefined && m.end < m.start) throw invalid('BODY.INVALID_PERIOD', `Member ${i + 1}: the seat ends before it starts.`);
    }
    const knownIds = dto.members.flatMap((m) => (m.personId ? [m.personId] : []));
    const known = await this.repository.personsById(ctx.tenant, knownIds);
    const missing = knownIds.filter((id) => !known.some((p) => p.id === id));
    if (missing.length) throw invalid('BODY.UNKNOWN_PERSON', `No person with id ${missing.join(', ')} exists.`, { personIds: missing });

    const now = this.clock.now();
    const created: PersonEntity[] = [];
    const people = dto.members.map((m) => {
      const person = known.find((p) => p.id === m.personId);
      if (person) return person;
      const fresh = this.repository.newPerson({ id: randomUUID(), tenant: ctx.tenant, name: tidy(m.name!), createdAt: now });
      created.push(fresh);
      return fresh;
    });
    const seats = dto.members.map((m, i) =>
      this.repository.newSeat({ tenant: ctx.tenant, bodyId, personId: people[i]!.id, start: m.start, end: m.end ?? null, votingRight: m.votingRight, createdAt: now }),
    );
    // the body row lock serialises seat changes, so two requests cannot both take the last seat
    await this.repository.addSeats(ctx.tenant, bodyId, created, seats, (body, existing) => this.checkSeats(body, existing, seats, people));
    return seats.map((membership, i) => ({ membership, person: people[i]! }));
  }

  private checkSeats(body: BodyEntity, existing: MembershipEntity[], added: MembershipEntity[], people: PersonEntity[]): void {
    const all = [...existing, ...added];
    for (const [i, seat] of added.entries()) {
      const clash = all.find((m) => m !== seat && m.personId === seat.personId && overlaps(m, seat));
      if (clash) throw new DomainError(409, 'BODY.ALREADY_MEMBER', `${people[i]!.name} already holds a seat on ${body.name} from ${clash.start}.`);
    }
    // the number of voting seats is highest on some start day: check them all
    const voting = all.filter((m) => m.votingRight);
    for (const day of new Set(voting.map((m) => m.start))) {
      const seated = voting.filter((m) => seatOn(m, day)).length;
      if (seated > body.statutoryMembers) {
        throw invalid('BODY.SEATS_EXCEEDED', `On ${day} ${body.name} would have ${seated} voting members; its statutory size is ${body.statutoryMembers}.`);
      }
    }
  }

  async members(ctx: RequestContext, bodyId: string, at?: string): Promise<{ membership: MembershipEntity; person: PersonEntity }[]> {
    await this.body(ctx, bodyId);
    const rows = await this.repository.seatsWithPersons(ctx.tenant, bodyId);
    return rows.filter((m) => at === undefined || seatOn(m, at)).map((membership) => ({ membership, person: membership.person! }));
  }

  /** Seats on `bodyId` held on `day`, by person id. */
  async seatsOn(ctx: RequestContext, bodyId: string, day: string): Promise<Map<string, MembershipEntity>> {
    const rows = await this.repository.seats(ctx.tenant, bodyId);
    return new Map(rows.filter((m) => seatOn(m, day)).map((m) => [m.personId, m]));
  }

  async personsById(ctx: RequestContext, ids: readonly string[]): Promise<PersonEntity[]> {
    return this.repository.personsById(ctx.tenant, ids);
  }

  listPersons(ctx: RequestContext): Promise<PersonEntity[]> {
    return this.repository.persons(ctx.tenant);
  }
}
