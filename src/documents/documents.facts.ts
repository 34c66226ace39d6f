import { Injectable } from '@nestjs/common';
import type { Content } from 'pdfmake/interfaces';
import type { MeetingContext } from '../../workflows/meeting';
import { hasQuorum, type MotionContext } from '../../workflows/motion';
import type { DocumentKind, DocumentPart, IssuedDocument } from '../../workflows/shared/documents';
import { AuditService, type HistoryStep } from '../audit/audit.service';
import { berlinDate } from '../common/berlin-time';
import { DomainError, invalid } from '../common/problem';
import type { CommandInput, Payload } from '../engine/commands';
import type { Applied, RequestContext } from '../engine/types';
import { MeetingsRepository } from '../meetings/meetings.repository';
import { CommandDispatcher } from '../engine/dispatcher';
import { motionCommands } from '../motions/motions.commands';
import { DocumentsRepository } from './documents.repository';
import type { IssueMeetingDocumentDto, IssueMotionDocumentDto } from './dto';
import { datum, fileSafe, OUTLINE_DE } from './german';
import { auditReport, beschlussauszug, einladung, niederschrift, vorlage, type AgendaEntry } from './layouts';
import { digests, renderPdf } from './pdf';

interface Draft {
  kind: DocumentKind;
  part: DocumentPart;
  subject: string | null;
  title: string;
  fileName: string;
  basis: HistoryStep;
  content: Content[];
}

const PART_SUFFIX: Record<DocumentPart, string> = { public: 'öffentlicher Teil', nonPublic: 'nichtöffentlicher Teil' };

/** The Rechnungsprüfung writes no procedure: of the documents, it issues only its own Prüfbericht. */
function auditorsIssueReportsOnly(ctx: RequestContext, kind: DocumentKind): void {
  if (ctx.actor.role === 'auditor' && kind !== 'auditReport') {
    throw new DomainError(403, 'DOCUMENT.AUDITOR_REPORTS_ONLY', 'The Rechnungsprüfung issues only audit reports (kind auditReport); the Sitzungsdienst issues the other documents.');
  }
}

/** The last step of the history that is not itself the issue of a document. */
const lastRecord = (steps: HistoryStep[]): HistoryStep | undefined => steps.findLast((s) => s.type !== 'DOCUMENT_ISSUED');

/**
 * The facts of a DOCUMENT_ISSUED event: the document is made from the instance's log (the replayed
 * context after the event it is based on, dated by that event), rendered, hashed, and the hashes go
 * into the event. `stored` then writes the file in the same transaction. Rendering twice from the same
 * history gives the same bytes, so anyone can check a file against the log.
 */
@Injectable()
export class DocumentsFacts {
  /** The bytes rendered for a request, kept from `facts` to `after` of the same attempt. */
  private readonly rendered = new WeakMap<object, Buffer>();

  constructor(
    private readonly audit: AuditService,
    private readonly dispatcher: CommandDispatcher,
    private readonly meetings: MeetingsRepository,
    private readonly repository: DocumentsRepository,
  ) {}

  async motionDocument({ ctx, dto, instance }: CommandInput<IssueMotionDocumentDto>): Promise<Payload> {
    auditorsIssueReportsOnly(ctx, dto.kind);
    const { steps } = await this.audit.history(ctx, instance.id);
    const draft =
      dto.kind === 'auditReport'
        ? await this.auditReport(ctx, instance.id, 'motion', steps, (c: MotionContext) => `Sitzungsvorlage ${c.reference}: ${c.title}`)
        : dto.kind === 'vorlage'
          ? await this.vorlage(ctx, instance.id, steps, dto.part ?? 'public')
          : this.beschlussauszug(steps, dto);
    return this.issue(dto, instance.id, draft);
  }

  async meetingDocument({ ctx, dto, instance }: CommandInput<IssueMeetingDocumentDto>): Promise<Payload> {
    auditorsIssueReportsOnly(ctx, dto.kind);
    const { steps } = await this.audit.history(ctx, instance.id);
    const part = dto.part ?? 'public';
    const draft =
      dto.kind === 'auditReport'
        ? await this.auditReport(ctx, instance.id, 'meeting', steps, (c: MeetingContext) => `Sitzung ${c.bodyName} am ${datum(c.start)}`)
        : dto.kind === 'einladung'
          ? await this.einladung(ctx, instance.id, steps, part)
          : await this.niederschrift(ctx, instance.id, steps, part);
    return this.issue(dto, instance.id, draft);
  }

  /** `after` of the row: the file, in the event's transaction. */
  async stored({ ctx, dto, tx, applied }: CommandInput<object> & { applied: Applied }): Promise<void> {
    const bytes = this.rendered.get(dto);
    const document = applied.event.payload.document as IssuedDocument;
    if (!bytes || digests(bytes).sha256 !== document.sha256) throw new Error('the rendered document was lost between its facts and its event');
    await this.repository.insert(tx, {
      instance_id: applied.event.instanceId,
      seq: applied.event.seq,
      tenant: ctx.tenant,
      kind: document.kind,
      part: document.part,
      subject: document.subject,
      title: document.title,
      file_name: document.fileName,
      mime_type: document.mimeType,
      size: document.size,
      sha256: document.sha256,
      sha512: document.sha512,
      issued_by: applied.event.actor.id,
      issuedAt: applied.event.at,
      content: bytes,
    });
  }

  private async issue(dto: object, instanceId: string, d: Draft): Promise<Payload> {
    const at = d.basis.at;
    const pdf = await renderPdf({ title: d.title, subject: d.kind, at, footer: `${d.title} · Vorgang ${instanceId}, Ereignis ${d.basis.seq} (${d.basis.type}) vom ${datum(at)}` }, d.content);
    this.rendered.set(dto, pdf.bytes);
    const document: IssuedDocument = {
      kind: d.kind,
      part: d.part,
      subject: d.subject,
      title: d.title,
      fileName: d.fileName,
      mimeType: 'application/pdf',
      size: pdf.bytes.length,
      sha256: pdf.sha256,
      sha512: pdf.sha512,
      basis: { seq: d.basis.seq, type: d.basis.type, at: at.toISOString() },
    };
    return { document };
  }

  /** One instance's history as its log replays, the verification result and the latest signed checkpoint. Non-public. */
  private async auditReport<C>(ctx: RequestContext, id: string, type: 'motion' | 'meeting', steps: HistoryStep[], subject: (context: C) => string): Promise<Draft> {
    const last = steps.at(-1);
    if (!last) throw new DomainError(409, 'DOCUMENT.NO_HISTORY', 'The instance has no events yet: there is nothing to report.');
    const verification = await this.audit.verifyInstance(ctx.tenant, id);
    const checkpoint = await this.audit.latestCheckpoint(ctx.tenant);
    const name = subject(last.contextAfter as C);
    return {
      kind: 'auditReport',
      part: 'nonPublic',
      subject: null,
      title: `Prüfbericht ${name}`,
      fileName: `Prüfbericht ${fileSafe(name)} bis Ereignis ${last.seq}.pdf`,
      basis: last,
      content: auditReport({
        subject: name,
        instanceId: id,
        workflowType: type,
        verification: { ok: verification.ok, events: verification.events, broken: verification.firstBreak ? `#${verification.firstBreak.seq}: ${verification.firstBreak.reason}` : null },
        checkpoint: checkpoint ? { id: checkpoint.id, createdAt: checkpoint.createdAt.toISOString(), size: checkpoint.leafCount, root: checkpoint.root, keyFingerprint: checkpoint.keyFingerprint } : null,
        steps: steps.map((s) => ({ seq: s.seq, at: s.at.toISOString(), type: s.type, actor: `${s.actor.id} (${s.actor.role})`, state: JSON.stringify(s.stateAfter), hash: s.hash })),
      }),
    };
  }

  /** The motion as released: the context right after its (last) RELEASE event. */
  private async vorlage(ctx: RequestContext, id: string, steps: HistoryStep[], part: DocumentPart): Promise<Draft> {
    const release = steps.findLast((s) => s.type === 'RELEASE');
    if (!release) throw new DomainError(409, 'DOCUMENT.NOT_RELEASED', 'The Vorlage is made from the motion as released; release the motion first.');
    const c = release.contextAfter as MotionContext;
    const nonPublic: readonly string[] = (await this.dispatcher.get(motionCommands, ctx, id)).outline.nonPublicSections;
    if (part === 'nonPublic' && nonPublic.length === 0) {
      throw invalid('DOCUMENT.NO_NON_PUBLIC_PART', 'This Vorlage has no non-public sections: its public document is complete.');
    }
    const reference = c.reference;
    return {
      kind: 'vorlage',
      part,
      subject: null,
      title: `Sitzungsvorlage ${reference}${part === 'nonPublic' ? ` (${PART_SUFFIX.nonPublic})` : ''}`,
      fileName: `Vorlage ${fileSafe(reference)}${part === 'nonPublic' ? ' nichtöffentlich' : ''}.pdf`,
      basis: release,
      content: vorlage({
        part,
        reference,
        title: c.title,
        department: c.department,
        releasedAt: c.releasedAt ?? release.at.toISOString(),
        cosignatures: c.cosignatures.map((s) => ({ department: s.department, at: s.at })),
        steps: c.steps.map((s) => ({ bodyName: s.bodyName, role: s.role })),
        proposals: c.proposals.map((p) => ({ key: p.key, text: p.versions.at(-1)!.text, citation: p.legalBasis.citation })),
        outline: OUTLINE_DE.filter(([key]) => c.outline[key] !== undefined).map(([key, heading]) => ({
          heading,
          text: part === 'public' && nonPublic.includes(key) ? null : c.outline[key]!,
        })),
      }),
    };
  }

  /** One adopted proposal in the version the deciding body adopted, from the event that decided it. */
  private beschlussauszug(steps: HistoryStep[], dto: IssueMotionDocumentDto): Draft {
    const key = dto.proposalKey;
    if (!key) throw invalid('DOCUMENT.PROPOSAL_KEY_MISSING', 'A Beschlussauszug is issued for one adopted proposal: give its proposalKey.');
    const decided = steps.findLast((s) => (s.contextAfter as MotionContext).decision !== null && (s.contextBefore as MotionContext | null)?.decision == null);
    const c = decided?.contextAfter as MotionContext | undefined;
    const decision = c?.decision;
    if (!decided || !c || !decision) throw new DomainError(409, 'DOCUMENT.NOT_DECIDED', 'A Beschlussauszug needs the decision; this motion is not decided yet.');
    const outcome = decision.outcomes[key];
    if (outcome !== 'adopted' && outcome !== 'adoptedWithAmendment') {
      throw invalid('DOCUMENT.NOT_ADOPTED', `Proposal ${key} was not adopted${outcome ? ` (${outcome})` : ''}: a Beschlussauszug exists only for adopted proposals.`, { adopted: Object.keys(decision.outcomes).filter((k) => decision.outcomes[k] !== 'rejected') });
    }
    const proposal = c.proposals.find((p) => p.key === key)!;
    const consultation = c.consultations.find((k) => k.no === decision.consultationNo);
    const result = consultation?.results?.[key];
    const version = result?.newVersion ?? result?.deliberatedVersion ?? proposal.versions.at(-1)!.version;
    const text = proposal.versions.find((v) => v.version === version)?.text ?? proposal.versions.at(-1)!.text;
    return {
      kind: 'beschlussauszug',
      part: 'public',
      subject: key,
      title: `Beschlussauszug ${c.reference}, Beschlussvorschlag ${key}`,
      fileName: `Beschlussauszug ${fileSafe(c.reference)} Beschlussvorschlag ${fileSafe(key)}.pdf`,
      basis: decided,
      content: beschlussauszug({
        reference: c.reference,
        title: c.title,
        department: c.department,
        bodyName: decision.bodyName,
        meetingStart: consultation?.meetingStart ?? null,
        decidedAt: decision.at,
        urgent: decision.urgent,
        proposalKey: key,
        outcome,
        text,
        version,
        citation: proposal.legalBasis.citation,
        votes: result?.votes ?? consultation?.vote ?? null,
      }),
    };
  }

  /** The agenda of one part as it stood when the invitation went out, numbered within the part. */
  private async agenda(ctx: RequestContext, meetingId: string, part: DocumentPart, until: Date): Promise<(AgendaEntry & { motionId: string | null; consultationNo: number | null })[]> {
    const items = (await this.meetings.agenda(ctx.tenant, meetingId, false)).filter((i) => i.status === 'scheduled' && i.public === (part === 'public') && i.createdAt <= until);
    const entries = [];
    for (const [n, i] of items.entries()) {
      const reference = i.motionInstanceId ? (await this.dispatcher.get(motionCommands, ctx, i.motionInstanceId)).reference : null;
      entries.push({ number: n + 1, title: i.title, reference, motionId: i.motionInstanceId, consultationNo: i.consultationNo });
    }
    return entries;
  }

  private async einladung(ctx: RequestContext, id: string, steps: HistoryStep[], part: DocumentPart): Promise<Draft> {
    const invitation = steps.findLast((s) => s.type === 'SEND_INVITATION');
    if (!invitation) throw new DomainError(409, 'DOCUMENT.NOT_INVITED', 'The Einladung is made from the invitation; send the invitation first.');
    const c = invitation.contextAfter as MeetingContext;
    const name = `Einladung ${c.bodyName} ${datum(c.start)}`;
    return {
      kind: 'einladung',
      part,
      subject: null,
      title: `${name} (${PART_SUFFIX[part]})`,
      fileName: `${fileSafe(name)} ${part === 'public' ? 'öffentlich' : 'nichtöffentlich'}.pdf`,
      basis: invitation,
      content: einladung({
        part,
        bodyName: c.bodyName,
        start: c.start,
        location: c.location,
        invitedAt: invitation.at.toISOString(),
        invitationPeriodDays: c.invitationPeriodDays,
        lastRegularInvitationDay: c.lastRegularInvitationDay,
        urgentInvitationPeriodDays: c.urgentInvitationPeriodDays,
        urgentInvitationReason: c.urgentInvitationReason,
        items: await this.agenda(ctx, id, part, invitation.at),
      }),
    };
  }

  /** The held meeting: attendance as last recorded, and each item's outcomes and votes from its motion's record. */
  private async niederschrift(ctx: RequestContext, id: string, steps: HistoryStep[], part: DocumentPart): Promise<Draft> {
    const basis = lastRecord(steps);
    const c = basis?.contextAfter as MeetingContext | undefined;
    if (!basis || !c?.heldAt) throw new DomainError(409, 'DOCUMENT.NOT_HELD', 'The Niederschrift is made from the held meeting; mark the meeting as held first.');
    const attendees = c.attendees ? await this.meetings.attendees(ctx.tenant, c.bodyId, berlinDate(new Date(c.start)), c.attendees) : [];
    const items = [];
    for (const item of await this.agenda(ctx, id, part, new Date(8.64e15))) {
      const consultation = item.motionId ? (await this.dispatcher.get(motionCommands, ctx, item.motionId)).consultations.find((k) => k.no === item.consultationNo) : undefined;
      items.push({ ...item, results: (consultation?.results ?? []).map((r) => ({ proposalKey: r.proposalKey, outcome: r.outcome, votes: r.votes })), vote: consultation?.vote ?? null });
    }
    const present = c.presentMembers ?? 0;
    const name = `Niederschrift ${c.bodyName} ${datum(c.start)}`;
    return {
      kind: 'niederschrift',
      part,
      subject: null,
      title: `${name} (${PART_SUFFIX[part]})`,
      fileName: `${fileSafe(name)} ${part === 'public' ? 'öffentlich' : 'nichtöffentlich'}.pdf`,
      basis,
      content: niederschrift({
        part,
        bodyName: c.bodyName,
        start: c.start,
        location: c.location,
        heldAt: c.heldAt,
        attendees: attendees.map((a) => ({ name: a.person.name, votingRight: a.votingRight })),
        presentMembers: present,
        statutoryMembers: c.statutoryMembers,
        quorate: hasQuorum({ present, statutoryMembers: c.statutoryMembers }),
        items,
      }),
    };
  }
}
