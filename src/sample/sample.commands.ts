import { Injectable } from '@nestjs/common';
import { command, commandTable, creation, type CommandView } from '../engine/commands';
import { InstanceDto } from '../engine/dto';
import type { InstanceRecord } from '../engine/types';
import { CreateSampleDto, EditSampleDto, LegalApprovalDto, RejectSampleDto, TreasuryApprovalDto } from './sample.dto';

/** The sample needs no facts: its events carry only what the caller says. */
@Injectable()
export class SampleFacts {}

@Injectable()
export class SampleView implements CommandView<InstanceDto> {
  view(_: unknown, instance: InstanceRecord): Promise<InstanceDto> {
    return Promise.resolve(InstanceDto.from(instance));
  }
}

const writers = ['clerk', 'office', 'admin'] as const;

/** The sample purchase request's commands (the generic /instances API drives it too). */
export const sampleCommands = commandTable<SampleFacts, InstanceDto>({
  workflow: 'sample',
  noun: 'Sample request',
  resource: 'samples',
  key: 'sample',
  tag: 'sample',
  facts: SampleFacts,
  view: SampleView,
  viewDto: InstanceDto,
  create: creation({ body: CreateSampleDto, roles: writers, summary: 'Start a purchase request', input: (_, { dto }) => ({ ...dto }) }),
  commands: [
    command({ event: 'EDIT', method: 'PATCH', path: '', body: EditSampleDto, roles: writers, summary: 'Change title or amount (draft only)' }),
    command({ event: 'SUBMIT', method: 'POST', path: 'submit', roles: writers, summary: 'Submit for legal and treasury review' }),
    command({ event: 'LEGAL_APPROVE', method: 'POST', path: 'legal-approval', body: LegalApprovalDto, roles: writers, summary: 'The legal office approves' }),
    command({ event: 'TREASURY_APPROVE', method: 'POST', path: 'treasury-approval', body: TreasuryApprovalDto, roles: writers, summary: 'The treasury approves (with a budget line above the limit)' }),
    command({ event: 'REJECT', method: 'POST', path: 'rejection', body: RejectSampleDto, roles: writers, summary: 'Reject, with a reason' }),
    command({ event: 'WITHDRAW', method: 'POST', path: 'withdrawal', roles: writers, summary: 'Withdraw the request' }),
  ],
});
