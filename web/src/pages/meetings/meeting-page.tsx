import { useQuery } from '@tanstack/react-query';
import { api, unwrapWithEtag } from '../../shared/api';
import { formatDateTime } from '../../shared/dates';
import { MEETING_STATE_LABEL, label } from '../../shared/labels';
import { Badge, PageHeader, QueryState } from '../../shared/ui';
import { meetingRoute } from './routes';

export function useMeeting(id: string) {
  return useQuery({ queryKey: ['meeting', id], queryFn: () => unwrapWithEtag(api.GET('/meetings/{id}', { params: { path: { id } } })) });
}

/** One meeting: agenda, invitation, attendance, outcomes. */
export function MeetingPage() {
  const { id } = meetingRoute.useParams();
  const meeting = useMeeting(id);
  return (
    <QueryState query={meeting} loading="Sitzung wird geladen …">
      {({ data: m }) => (
        <>
          <PageHeader title={`${m.bodyName}, ${formatDateTime(m.start)}`} preline="Sitzung">
            <Badge>{label(MEETING_STATE_LABEL, m.state)}</Badge>
          </PageHeader>
        </>
      )}
    </QueryState>
  );
}
