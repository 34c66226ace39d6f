import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Timers1795556996184 implements MigrationInterface {
  name = 'Timers1795556996184';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"workflow_timers\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"tenant\" text NOT NULL, \"instance_id\" uuid NOT NULL, \"name\" text NOT NULL, \"fire_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"event\" jsonb NOT NULL, \"status\" text NOT NULL DEFAULT 'pending', \"fired_at\" TIMESTAMP WITH TIME ZONE, \"note\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_92d946eb79e5edf1fe7ed2c4cac\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_workflow_timers_due\" ON \"workflow_timers\"  (\"tenant\", \"status\", \"fire_at\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_workflow_timers_name\" ON \"workflow_timers\"  (\"instance_id\", \"name\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ux_workflow_timers_name\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_workflow_timers_due\"");
    await queryRunner.query("DROP TABLE \"workflow_timers\"");
  }
}
