import { useQuery } from '@tanstack/react-query';
import { api, unwrapWithEtag } from '../../shared/api';
import { MOTION_STATUS_LABEL, label } from '../../shared/labels';
import { toStep, NextSteps } from '../../shared/next-steps';
import { Badge, PageHeader, QueryState } from '../../shared/ui';
import { motionRoute } from './routes';

export function useMotion(id: string) {
  return useQuery({ queryKey: ['motion', id], queryFn: () => unwrapWithEtag(api.GET('/motions/{id}', { params: { path: { id } } })) });
}

/** One motion: proposals, Beratungsfolge, next steps. */
export function MotionPage() {
  const { id } = motionRoute.useParams();
  const motion = useMotion(id);
  return (
    <QueryState query={motion} loading="Vorlage wird geladen …">
      {({ data: m }) => (
        <>
          <PageHeader title={m.title} preline={`Vorlage ${m.reference}`}>
            <Badge>{label(MOTION_STATUS_LABEL, m.status)}</Badge>
          </PageHeader>
          <section aria-labelledby="steps-heading">
            <h2 id="steps-heading" className="kern-heading-medium">
              Nächste Schritte
            </h2>
            <NextSteps steps={m.nextSteps.map(toStep)} onSelect={() => undefined} />
          </section>
        </>
      )}
    </QueryState>
  );
}
