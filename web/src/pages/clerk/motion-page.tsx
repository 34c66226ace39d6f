import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { Schemas } from '../../shared/api';
import { CommandSteps } from '../../shared/command-form';
import { MOTION_COMMAND_LABEL } from '../../shared/commands';
import { motionQuery } from '../../shared/queries';
import { formatDate, formatDateTime } from '../../shared/dates';
import { MOTION_STATUS_LABEL, OUTCOME_LABEL, STEP_ROLE_LABEL, TASK_STATUS_LABEL, label } from '../../shared/labels';
import { Badge, PageHeader, QueryState } from '../../shared/ui';
import { Documents, motionOffers } from '../documents/documents';
import { motionForms } from './motion-forms';
import { ProposalVersions } from './proposal-diff';
import { motionRoute } from './routes';

type Motion = Schemas['MotionDto'];

export function useMotion(id: string) {
  return useQuery(motionQuery(id));
}

/** One motion: its facts, next steps with their forms, proposals with versions, the Beratungsfolge. */
export function MotionPage() {
  const { id } = motionRoute.useParams();
  const motion = useMotion(id);
  return (
    <QueryState query={motion} loading="Vorlage wird geladen …">
      {({ data: m, etag }) => (
        <>
          <PageHeader title={m.title} preline={`Vorlage ${m.reference}`} />
          <p className="status-line">
            <Badge tone={m.status === 'decided' || m.status === 'done' ? 'success' : m.status === 'withdrawn' ? 'warning' : 'info'}>{label(MOTION_STATUS_LABEL, m.status)}</Badge>
          </p>
          <dl className="kern-description-list facts">
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">Federführung</dt>
              <dd className="kern-description-list-item__value">{m.department}</dd>
            </div>
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">Mitzeichnung</dt>
              <dd className="kern-description-list-item__value">
                {m.requiredCosigners.length === 0
                  ? 'keine vorgesehen'
                  : m.requiredCosigners.map((d) => {
                      const signed = m.cosignatures.find((c) => c.department === d);
                      return <span key={d}>{signed ? `${d} (${formatDate(signed.at)}) ` : `${d} (offen) `}</span>;
                    })}
              </dd>
            </div>
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">Freigegeben</dt>
              <dd className="kern-description-list-item__value">{m.releasedAt ? formatDateTime(m.releasedAt) : 'noch nicht'}</dd>
            </div>
            {m.decision ? (
              <div className="kern-description-list-item">
                <dt className="kern-description-list-item__key">Entscheidung</dt>
                <dd className="kern-description-list-item__value" data-testid="decision">
                  {m.decision.urgent ? 'Dringlichkeitsentscheidung, ' : ''}
                  {m.decision.bodyName}, {formatDateTime(m.decision.at)}: {m.decision.outcomes.map((o) => `Vorschlag ${o.proposalKey} ${label(OUTCOME_LABEL, o.outcome).toLowerCase()}`).join('; ')}
                </dd>
              </div>
            ) : null}
          </dl>

          <section aria-labelledby="steps-heading" className="section">
            <h2 id="steps-heading" className="kern-heading-medium">
              Nächste Schritte
            </h2>
            <CommandSteps steps={m.nextSteps} labels={MOTION_COMMAND_LABEL} forms={motionForms(m)} etag={etag} invalidate={[['motion', m.id], ['motions'], ['meeting'], ['meetings'], ['documents', m.id]]} />
          </section>

          <section aria-labelledby="proposals-heading" className="section">
            <h2 id="proposals-heading" className="kern-heading-medium">
              Beschlussvorschläge
            </h2>
            {m.proposals.length === 0 ? <p className="kern-body">Noch kein Beschlussvorschlag.</p> : null}
            {m.proposals.map((p) => (
              <article key={p.key} className="proposal" aria-labelledby={`proposal-${p.key}`}>
                <h3 id={`proposal-${p.key}`} className="kern-heading-small">
                  Beschlussvorschlag {p.key}
                </h3>
                <p className="kern-body proposal__text">{p.text}</p>
                <p className="kern-body kern-body--small">Rechtsgrundlage: {p.legalBasis.citation}</p>
                <ProposalVersions proposal={p} />
              </article>
            ))}
          </section>

          <Outline motion={m} />

          <section aria-labelledby="sequence-heading" className="section">
            <h2 id="sequence-heading" className="kern-heading-medium">
              Beratungsfolge
            </h2>
            <Timeline motion={m} />
          </section>

          {m.tasks.length ? (
            <section aria-labelledby="tasks-heading" className="section">
              <h2 id="tasks-heading" className="kern-heading-medium">
                Umsetzung (Beschlusskontrolle)
              </h2>
              <Tasks motion={m} />
            </section>
          ) : null}

          <Documents type="motion" id={m.id} etag={etag} offers={motionOffers(m)} />
        </>
      )}
    </QueryState>
  );
}

const votes = (v: Schemas['VoteCountDto'] | null) => (v ? `Ja ${v.ja}, Nein ${v.nein}, Enthaltung ${v.enthaltung}${v.befangen ? `, befangen ${v.befangen}` : ''}` : '');

/** Each step of the Beratungsfolge with its consultations: meeting, outcome per proposal and votes. */
function Timeline({ motion }: { motion: Motion }) {
  if (motion.steps.length === 0) return <p className="kern-body">Noch keine Beratungsfolge festgelegt.</p>;
  return (
    <ol className="timeline">
      {motion.steps.map((step) => {
        const consultations = motion.consultations.filter((c) => c.stepIndex === step.index);
        const done = consultations.some((c) => c.status === 'held' && c.results.some((r) => !['postponed', 'referredBack'].includes(r.outcome)));
        return (
          <li key={step.index} className={`timeline__step${step.current ? ' timeline__step--current' : ''}${done ? ' timeline__step--done' : ''}`} aria-current={step.current ? 'step' : undefined}>
            <h3 className="kern-heading-small">
              {step.index + 1}. {step.bodyName} <span className="kern-body">({label(STEP_ROLE_LABEL, step.role)})</span>
            </h3>
            {step.current ? <Badge tone="warning">jetzt an der Reihe</Badge> : done ? <Badge tone="success">beraten</Badge> : null}
            {consultations.length === 0 ? <p className="kern-body kern-body--small">Noch nicht terminiert.</p> : null}
            {consultations.map((c) => (
              <div key={c.no} className="timeline__consultation">
                <p className="kern-body">
                  {c.meetingId ? (
                    <Link to="/sitzungen/$id" params={{ id: c.meetingId }} className="kern-link">
                      Sitzung {c.meetingStart ? formatDateTime(c.meetingStart) : ''}
                    </Link>
                  ) : (
                    'Ohne Sitzung'
                  )}
                  {c.status === 'removed' ? ` – abgesetzt: ${c.removedReason ?? ''}` : c.status === 'scheduled' ? ' – auf der Tagesordnung' : ''}
                  {c.attendance ? ` – ${c.attendance.present} von ${c.attendance.statutoryMembers} anwesend` : ''}
                </p>
                {c.results.length ? (
                  <ul className="kern-list">
                    {c.results.map((r) => (
                      <li key={r.proposalKey}>
                        Vorschlag {r.proposalKey} (Fassung {r.deliberatedVersion}): <strong>{label(OUTCOME_LABEL, r.outcome)}</strong>
                        {r.votes ? ` – ${votes(r.votes)}` : ''}
                        {r.newVersion ? ` – neue Fassung ${r.newVersion}` : ''}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {c.vote ? <p className="kern-body">{votes(c.vote)}</p> : null}
              </div>
            ))}
          </li>
        );
      })}
    </ol>
  );
}

/** The implementation tasks of a decided motion, each with its latest report. */
function Tasks({ motion }: { motion: Motion }) {
  return (
    <ul className="kern-list" data-testid="tasks">
      {motion.tasks.map((t) => {
        const last = t.reports.at(-1);
        return (
          <li key={t.taskId}>
            <strong>{t.title}</strong> – {t.owner}, bis {formatDate(t.dueDate)}: {label(TASK_STATUS_LABEL, t.status)}
            {t.state === 'overdue' ? <> <Badge tone="danger">überfällig</Badge></> : null}
            {t.proposalKey ? ` (Beschluss ${t.proposalKey})` : ''}
            {last?.text ? <span className="kern-body kern-body--small"> – {last.text}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

const OUTLINE: [Exclude<keyof Motion['outline'], 'nonPublicSections' | 'hidden'>, string][] = [
  ['problemAndSolution', 'I. Problem / Lösung'],
  ['alternatives', 'II. Alternativen'],
  ['impacts', 'III. Auswirkungen / Zusammenhänge'],
  ['competence', 'IV. Zuständigkeit für die Entscheidung'],
];

/** The Begründung by its sections; non-public ones are marked (and withheld from roles that may not see them). */
function Outline({ motion }: { motion: Motion }) {
  const sections = OUTLINE.filter(([key]) => motion.outline[key]);
  return (
    <section aria-labelledby="outline-heading" className="section">
      <h2 id="outline-heading" className="kern-heading-medium">
        Begründung
      </h2>
      {sections.length === 0 ? <p className="kern-body">{motion.outline.hidden ? 'Die Begründung ist nichtöffentlich.' : 'Noch keine Begründung.'}</p> : null}
      {sections.map(([key, heading]) => (
        <div key={key}>
          <h3 className="kern-heading-small">
            {heading} {motion.outline.nonPublicSections.includes(key) ? <Badge tone="warning">nichtöffentlich</Badge> : null}
          </h3>
          <p className="kern-body proposal__text">{motion.outline[key]}</p>
        </div>
      ))}
    </section>
  );
}
