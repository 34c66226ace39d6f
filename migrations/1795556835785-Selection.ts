import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Selection1795556835785 implements MigrationInterface {
  name = 'Selection1795556835785';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"selection_programmes\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"tenant\" text NOT NULL, \"name\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_020297255bf8dfc1d55d0cd76ce\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_selection_programmes_name\" ON \"selection_programmes\"  (\"tenant\", \"name\") ");
    await queryRunner.query("CREATE TABLE \"selection_modules\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"tenant\" text NOT NULL, \"programme_id\" uuid NOT NULL, \"code\" text NOT NULL, \"title\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_7531b7a3e742ba099596b2ae6f7\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_selection_modules_code\" ON \"selection_modules\"  (\"tenant\", \"code\") ");
    await queryRunner.query("CREATE TABLE \"selection_providers\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"tenant\" text NOT NULL, \"name\" text NOT NULL, \"legal_form\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_9c9a90774f1c518cd968ae78be9\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"ux_selection_providers_name\" ON \"selection_providers\"  (\"tenant\", \"name\") ");
    await queryRunner.query("CREATE TABLE \"selection_procedures\" (\"id\" uuid NOT NULL, \"tenant\" text NOT NULL, \"programme\" text NOT NULL, \"module\" text NOT NULL, \"title\" text NOT NULL, \"state\" text NOT NULL, \"deadline\" TIMESTAMP WITH TIME ZONE NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_f6a73d3f577c48dc5058907809b\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_selection_procedures_module\" ON \"selection_procedures\"  (\"tenant\", \"module\", \"state\") ");
    await queryRunner.query("CREATE INDEX \"ix_selection_procedures_list\" ON \"selection_procedures\"  (\"tenant\", \"created_at\") ");
    await queryRunner.query("ALTER TABLE \"selection_modules\" ADD CONSTRAINT \"fk_selection_modules_programme\" FOREIGN KEY (\"programme_id\") REFERENCES \"selection_programmes\"(\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"selection_procedures\" ADD CONSTRAINT \"fk_selection_procedures_instance\" FOREIGN KEY (\"id\") REFERENCES \"workflow_instances\"(\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"selection_procedures\" DROP CONSTRAINT \"fk_selection_procedures_instance\"");
    await queryRunner.query("ALTER TABLE \"selection_modules\" DROP CONSTRAINT \"fk_selection_modules_programme\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_selection_procedures_list\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_selection_procedures_module\"");
    await queryRunner.query("DROP TABLE \"selection_procedures\"");
    await queryRunner.query("DROP INDEX \"public\".\"ux_selection_providers_name\"");
    await queryRunner.query("DROP TABLE \"selection_providers\"");
    await queryRunner.query("DROP INDEX \"public\".\"ux_selection_modules_code\"");
    await queryRunner.query("DROP TABLE \"selection_modules\"");
    await queryRunner.query("DROP INDEX \"public\".\"ux_selection_programmes_name\"");
    await queryRunner.query("DROP TABLE \"selection_programmes\"");
  }
}
