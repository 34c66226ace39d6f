import type { MigrationInterface } from 'typeorm';
import { Engine1795556174213 } from './1795556174213-Engine';
import { Audit1795556674366 } from './1795556674366-Audit';
import { Timers1795556996184 } from './1795556996184-Timers';
import { Selection1795556835785 } from './1795556835785-Selection';
import { Grants1795557127420 } from './1795557127420-Grants';
import { Motions1795557184403 } from './1795557184403-Motions';
import { MotionNonPublicSections1795559397303 } from './1795559397303-MotionNonPublicSections';
import { CommandRequestHash1795600000000 } from './1795600000000-CommandRequestHash';
import { CanonicalCitationKeys1795600100000 } from './1795600100000-CanonicalCitationKeys';
import { AuditLogTree1796184777888 } from './1796184777888-AuditLogTree';
import { MotionListingHotUpdates1796196790148 } from './1796196790148-MotionListingHotUpdates';
import { Documents1796197058558 } from './1796197058558-Documents';
import { CreationIdempotencyKey1796199749745 } from './1796199749745-CreationIdempotencyKey';
import { MotionFollowUps1796214091140 } from './1796214091140-MotionFollowUps';

/** Every migration, in order. A new migration file is added here too. */
export const allMigrations: (new () => MigrationInterface)[] = [
  Engine1795556174213,
  Audit1795556674366,
  Timers1795556996184,
  Selection1795556835785,
  Grants1795557127420,
  Motions1795557184403,
  MotionNonPublicSections1795559397303,
  CommandRequestHash1795600000000,
  CanonicalCitationKeys1795600100000,
  AuditLogTree1796184777888,
  MotionListingHotUpdates1796196790148,
  Documents1796197058558,
  CreationIdempotencyKey1796199749745,
  MotionFollowUps1796214091140,
];
