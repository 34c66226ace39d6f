import type { MigrationInterface } from 'typeorm';
import { Engine1795556174213 } from './1795556174213-Engine';
import { Audit1795556674366 } from './1795556674366-Audit';
import { Timers1795556996184 } from './1795556996184-Timers';

/** Every migration, in order. A new migration file is added here too. */
export const allMigrations: (new () => MigrationInterface)[] = [Engine1795556174213, Audit1795556674366, Timers1795556996184];
