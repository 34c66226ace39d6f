import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, type Repository } from 'typeorm';
import { unique } from '../common/pg-errors';
import type { DomainError } from '../common/problem';
import { BodyCompetenceEntity, BodyEntity, CompetenceEntity, MembershipEntity, PersonEntity } from './entities';

/** The council module's data access: bodies, the competence catalogue, transfers, persons and seats. */
@Injectable()
export class CouncilRepository {
  constructor(
    @InjectRepository(BodyEntity) private readonly bodies: Repository<BodyEntity>,
    @InjectRepository(CompetenceEntity) private readonly catalogue: Repository<CompetenceEntity>,
    @InjectRepository(BodyCompetenceEntity) private readonly transfers: Repository<BodyCompetenceEntity>,
    @InjectRepository(PersonEntity) private readonly people: Repository<PersonEntity>,
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
    private readonly dataSource: DataSource,
  ) {}

  newBody(fields: Omit<BodyEntity, 'id'>): BodyEntity {
    return this.bodies.create(fields);
  }

  bodyNamed(tenant: string, name: string): Promise<boolean> {
    return this.bodies.existsBy({ tenant, name });
  }

  /** Inserts; a concurrent twin (unique violation) is answered with `refusal`. */
  async insertBody(row: BodyEntity, refusal: DomainError): Promise<void> {
    await unique(() => this.bodies.insert(row), refusal);
  }

  listBodies(tenant: string): Promise<BodyEntity[]> {
    return this.bodies.find({ where: { tenant }, order: { name: 'ASC', id: 'ASC' } });
  }

  body(tenant: string, id: string): Promise<BodyEntity | null> {
    return this.bodies.findOneBy({ id, tenant });
  }

  bodiesById(tenant: string, ids: readonly string[]): Promise<BodyEntity[]> {
    return ids.length ? this.bodies.findBy({ tenant, id: In([...new Set(ids)]) }) : Promise.resolve([]);
  }

  newCompetence(fields: Omit<CompetenceEntity, 'id'>): CompetenceEntity {
    return this.catalogue.create(fields);
  }

  competenceByKey(tenant: string, citationKey: string): Promise<CompetenceEntity | null> {
    return this.catalogue.findOneBy({ tenant, citationKey });
  }

  competence(tenant: string, id: string): Promise<CompetenceEntity | null> {
    return this.catalogue.findOneBy({ id, tenant });
  }

  async insertCompetence(row: CompetenceEntity, refusal: DomainError): Promise<void> {
    await unique(() => this.catalogue.insert(row), refusal);
  }

  catalogueOf(tenant: string): Promise<CompetenceEntity[]> {
    return this.catalogue.find({ where: { tenant }, order: { citation: 'ASC', id: 'ASC' } });
  }

  newTransfer(fields: Omit<BodyCompetenceEntity, 'id' | 'body' | 'competence'>): BodyCompetenceEntity {
    return this.transfers.create(fields);
  }

  transferExists(bodyId: string, competenceId: string): Promise<boolean> {
    return this.transfers.existsBy({ bodyId, competenceId });
  }

  async insertTransfer(row: BodyCompetenceEntity, refusal: DomainError): Promise<void> {
    await unique(() => this.transfers.insert(row), refusal);
  }

  transfersTo(tenant: string, bodyIds: readonly string[]): Promise<BodyCompetenceEntity[]> {
    return this.transfers.findBy({ tenant, bodyId: In([...bodyIds]) });
  }

  newPerson(fields: Omit<PersonEntity, 'memberships'>): PersonEntity {
    return this.people.create(fields);
  }

  newSeat(fields: Omit<MembershipEntity, 'id' | 'person' | 'body'>): MembershipEntity {
    return this.memberships.create(fields);
  }

  personsById(tenant: string, ids: readonly string[]): Promise<PersonEntity[]> {
    return ids.length ? this.people.findBy({ tenant, id: In([...ids]) }) : Promise.resolve([]);
  }

  persons(tenant: string): Promise<PersonEntity[]> {
    return this.people.find({ where: { tenant }, order: { name: 'ASC', id: 'ASC' } });
  }

  seatsWithPersons(tenant: string, bodyId: string): Promise<MembershipEntity[]> {
    return this.memberships.find({ where: { tenant, bodyId }, relations: { person: true }, order: { start: 'ASC', id: 'ASC' } });
  }

  seats(tenant: string, bodyId: string): Promise<MembershipEntity[]> {
    return this.memberships.findBy({ tenant, bodyId });
  }

  /**
   * Adds persons and seats in one transaction, the body row locked so two requests cannot both take
   * the last seat; `check` sees the body and its seats before the new ones and may refuse.
   */
  addSeats(tenant: string, bodyId: string, persons: PersonEntity[], seats: MembershipEntity[], check: (body: BodyEntity, existing: MembershipEntity[]) => void): Promise<void> {
    return this.dataSource.transaction(async (em) => {
      const body = await em.findOneOrFail(BodyEntity, { where: { id: bodyId, tenant }, lock: { mode: 'pessimistic_write' } });
      check(body, await em.findBy(MembershipEntity, { tenant, bodyId }));
      if (persons.length) await em.insert(PersonEntity, persons);
      await em.insert(MembershipEntity, seats);
    });
  }
}
