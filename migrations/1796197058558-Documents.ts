import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Documents1796197058558 implements MigrationInterface {
  name = 'Documents1796197058558';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"documents\" (\"instance_id\" uuid NOT NULL, \"seq\" integer NOT NULL, \"tenant\" text NOT NULL, \"kind\" text NOT NULL, \"part\" text NOT NULL, \"subject\" text, \"title\" text NOT NULL, \"file_name\" text NOT NULL, \"mime_type\" text NOT NULL, \"size\" integer NOT NULL, \"sha256\" text NOT NULL, \"sha512\" text NOT NULL, \"content\" bytea NOT NULL, \"issued_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"issued_by\" text NOT NULL, CONSTRAINT \"PK_9eef77d3b7e3f421f7f7ee4c421\" PRIMARY KEY (\"instance_id\", \"seq\"))");
    await queryRunner.query("CREATE INDEX \"ix_documents_sha512\" ON \"documents\"  (\"sha512\") ");
    await queryRunner.query("CREATE INDEX \"ix_documents_sha256\" ON \"documents\"  (\"sha256\") ");
    await queryRunner.query("ALTER TABLE \"documents\" ADD CONSTRAINT \"fk_documents_instance\" FOREIGN KEY (\"instance_id\") REFERENCES \"workflow_instances\"(\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"documents\" DROP CONSTRAINT \"fk_documents_instance\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_documents_sha256\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_documents_sha512\"");
    await queryRunner.query("DROP TABLE \"documents\"");
  }
}
