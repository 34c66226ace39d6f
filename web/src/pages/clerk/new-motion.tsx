import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api, type Schemas } from '../../shared/api';
import { useMe } from '../../shared/auth';
import { CreateForm } from '../../shared/command-form';

/**
 * A new motion starts as a draft with its reference, subject and lead department; its proposals,
 * Beratungsfolge and Begründung are then added on its page (the draft's own commands).
 */
export function NewMotion() {
  const role = useMe().data?.role;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  if (role !== 'clerk' && role !== 'admin') return null;
  return (
    <CreateForm
      heading="Neue Vorlage"
      title="Vorlage anlegen"
      fields={[
        { name: 'reference', label: 'Aktenzeichen', hint: 'z. B. SV-9-1601', codes: ['MOTION.REFERENCE_EXISTS'] },
        { name: 'title', label: 'Betreff' },
        { name: 'department', label: 'Federführende Stelle' },
        { name: 'requiredCosigners', label: 'Mitzeichnende Stellen', kind: 'lines', optional: true, hint: 'Eine Stelle je Zeile.' },
      ]}
      run={(body, headers) => api.POST('/motions', { params: { header: headers }, body: body as Schemas['CreateMotionDto'] })}
      onDone={(motion) => {
        void queryClient.invalidateQueries({ queryKey: ['motions'] });
        void navigate({ to: '/vorlagen/$id', params: { id: motion.id } });
      }}
    />
  );
}
