import { auditEntities } from '../audit/entities';
import { authEntities } from '../auth/entities';
import { councilEntities } from '../council/entities';
import { documentEntities } from '../documents/entities';
import { engineEntities } from '../engine/entities';
import { grantEntities } from '../grants/entities';
import { meetingEntities } from '../meetings/entities';
import { motionEntities } from '../motions/entities';
import { TimerEntity } from '../timers/timer.entity';
import { selectionEntities } from '../selection/entities';

/** Every TypeORM entity of the app. The migration drift check compares these to migrations/. */
export const allEntities = [...engineEntities, ...authEntities, ...auditEntities, TimerEntity, ...selectionEntities, ...grantEntities, ...councilEntities, ...motionEntities, ...meetingEntities, ...documentEntities];
