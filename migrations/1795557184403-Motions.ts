import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Motions1795557184403 implements MigrationInterface {
  name = 'Motions1795557184403';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"bodies\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"tenant\" text NOT NULL, \"name\" text NOT NULL, \"kind\" text NOT NULL, \"statutory_members\" integer NOT NULL, \"invitation_period_days\" integer NOT NULL, \"urgent_invitation_period_days\" integer NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_efc66684e75152471d119b6e5a3\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_bodies_name\" ON \"bodies\"  (\"tenant\", \"name\") ");
    await queryRunner.query("CREATE TABLE \"competence_catalogue\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"tenant\" text NOT NULL, \"citation\" text NOT NULL, \"citation_key\" text NOT NULL, \"text\" text NOT NULL, \"verified\" boolean NOT NULL, \"holder_kinds\" text array NOT NULL, \"reserved\" boolean NOT NULL, \"majority\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_ec87fef61bf2e15e8d43b8be8d3\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_competence_catalogue_citation\" ON \"competence_catalogue\"  (\"tenant\", \"citation_key\") ");
    await queryRunner.query("CREATE TABLE \"body_competences\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"tenant\" text NOT NULL, \"body_id\" uuid NOT NULL, \"competence_id\" uuid NOT NULL, \"basis\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_0aedd10ba6cb21ba9737ff3aaa6\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_body_competences\" ON \"body_competences\"  (\"body_id\", \"competence_id\") ");
    await queryRunner.query("CREATE TABLE \"persons\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"tenant\" text NOT NULL, \"name\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_74278d8812a049233ce41440ac7\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_persons_name\" ON \"persons\"  (\"tenant\", \"name\") ");
    await queryRunner.query("CREATE TABLE \"memberships\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"tenant\" text NOT NULL, \"body_id\" uuid NOT NULL, \"person_id\" uuid NOT NULL, \"start\" date NOT NULL, \"end\" date, \"voting_right\" boolean NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_25d28bd932097a9e90495ede7b4\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_memberships_body\" ON \"memberships\"  (\"tenant\", \"body_id\", \"start\") ");
    await queryRunner.query("CREATE TABLE \"meetings\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"tenant\" text NOT NULL, \"body_id\" uuid NOT NULL, \"start\" TIMESTAMP WITH TIME ZONE NOT NULL, \"location\" text NOT NULL, \"state\" text NOT NULL DEFAULT 'scheduled', \"invitation_date\" date, \"urgent_invitation_reason\" text, \"attendees\" uuid array, \"present_members\" integer, \"held_at\" TIMESTAMP WITH TIME ZONE, \"minutes_approved_at\" TIMESTAMP WITH TIME ZONE, \"cancelled_at\" TIMESTAMP WITH TIME ZONE, \"cancel_reason\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_aa73be861afa77eb4ed31f3ed57\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_meetings_body\" ON \"meetings\"  (\"tenant\", \"body_id\", \"start\") ");
    await queryRunner.query("CREATE TABLE \"agenda_items\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"tenant\" text NOT NULL, \"meeting_id\" uuid NOT NULL, \"position\" integer NOT NULL, \"title\" text NOT NULL, \"public\" boolean NOT NULL, \"motion_instance_id\" uuid, \"consultation_no\" integer, \"status\" text NOT NULL DEFAULT 'scheduled', \"removed_reason\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_7274c40301175b4b4b347820d0c\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_agenda_items_motion\" ON \"agenda_items\"  (\"tenant\", \"motion_instance_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_agenda_items_motion\" ON \"agenda_items\"  (\"meeting_id\", \"motion_instance_id\") WHERE status = 'scheduled'");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_agenda_items_position\" ON \"agenda_items\"  (\"meeting_id\", \"position\") ");
    await queryRunner.query("CREATE TABLE \"motions\" (\"id\" uuid NOT NULL, \"tenant\" text NOT NULL, \"reference\" text NOT NULL, \"title\" text NOT NULL, \"department\" text NOT NULL, \"deciding_body_id\" uuid, \"current_body_id\" uuid, \"body_ids\" uuid array NOT NULL, \"status\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_ed74063669e8afff17504648176\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_motions_status\" ON \"motions\"  (\"tenant\", \"status\", \"updated_at\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_motions_reference\" ON \"motions\"  (\"tenant\", \"reference\") ");
    await queryRunner.query("ALTER TABLE \"body_competences\" ADD CONSTRAINT \"fk_body_competences_body\" FOREIGN KEY (\"body_id\") REFERENCES \"bodies\"(\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"body_competences\" ADD CONSTRAINT \"fk_body_competences_competence\" FOREIGN KEY (\"competence_id\") REFERENCES \"competence_catalogue\"(\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"memberships\" ADD CONSTRAINT \"fk_memberships_body\" FOREIGN KEY (\"body_id\") REFERENCES \"bodies\"(\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"memberships\" ADD CONSTRAINT \"fk_memberships_person\" FOREIGN KEY (\"person_id\") REFERENCES \"persons\"(\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"meetings\" ADD CONSTRAINT \"fk_meetings_body\" FOREIGN KEY (\"body_id\") REFERENCES \"bodies\"(\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"agenda_items\" ADD CONSTRAINT \"fk_agenda_items_meeting\" FOREIGN KEY (\"meeting_id\") REFERENCES \"meetings\"(\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"agenda_items\" ADD CONSTRAINT \"fk_agenda_items_motion\" FOREIGN KEY (\"motion_instance_id\") REFERENCES \"workflow_instances\"(\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"motions\" ADD CONSTRAINT \"fk_motions_instance\" FOREIGN KEY (\"id\") REFERENCES \"workflow_instances\"(\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"motions\" DROP CONSTRAINT \"fk_motions_instance\"");
    await queryRunner.query("ALTER TABLE \"agenda_items\" DROP CONSTRAINT \"fk_agenda_items_motion\"");
    await queryRunner.query("ALTER TABLE \"agenda_items\" DROP CONSTRAINT \"fk_agenda_items_meeting\"");
    await queryRunner.query("ALTER TABLE \"meetings\" DROP CONSTRAINT \"fk_meetings_body\"");
    await queryRunner.query("ALTER TABLE \"memberships\" DROP CONSTRAINT \"fk_memberships_person\"");
    await queryRunner.query("ALTER TABLE \"memberships\" DROP CONSTRAINT \"fk_memberships_body\"");
    await queryRunner.query("ALTER TABLE \"body_competences\" DROP CONSTRAINT \"fk_body_competences_competence\"");
    await queryRunner.query("ALTER TABLE \"body_competences\" DROP CONSTRAINT \"fk_body_competences_body\"");
    await queryRunner.query("DROP INDEX \"public\".\"ux_motions_reference\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_motions_status\"");
    await queryRunner.query("DROP TABLE \"motions\"");
    await queryRunner.query("DROP INDEX \"public\".\"ux_agenda_items_position\"");
    await queryRunner.query("DROP INDEX \"public\".\"ux_agenda_items_motion\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_agenda_items_motion\"");
    await queryRunner.query("DROP TABLE \"agenda_items\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_meetings_body\"");
    await queryRunner.query("DROP TABLE \"meetings\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_memberships_body\"");
    await queryRunner.query("DROP TABLE \"memberships\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_persons_name\"");
    await queryRunner.query("DROP TABLE \"persons\"");
    await queryRunner.query("DROP INDEX \"public\".\"ux_body_competences\"");
    await queryRunner.query("DROP TABLE \"body_competences\"");
    await queryRunner.query("DROP INDEX \"public\".\"ux_competence_catalogue_citation\"");
    await queryRunner.query("DROP TABLE \"competence_catalogue\"");
    await queryRunner.query("DROP INDEX \"public\".\"ux_bodies_name\"");
    await queryRunner.query("DROP TABLE \"bodies\"");
  }
}
