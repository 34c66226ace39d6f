import { auditEntities } from '../audit/entities';
import { authEntities } from '../auth/entities';
import { engineEntities } from '../engine/entities';
import { TimerEntity } from '../timers/timer.entity';

/** Every TypeORM entity of the app. The migration drift check compares these to migrations/. */
export const allEntities = [...engineEntities, ...authEntities, ...auditEntities, TimerEntity];
