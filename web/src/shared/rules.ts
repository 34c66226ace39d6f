/**
 * The rules the clerk meets, in German. The API explains a refusal in English with the case's details
 * (meeting, body, dates); the console shows the German rule and keeps the API's sentence as detail
 * (marked lang="en"). A code without an entry shows the API's sentence alone.
 */
export const RULE_TEXT: Record<string, string> = {
  'MOTION.ALREADY_ON_OPEN_AGENDA': 'Die Vorlage steht bereits auf der Tagesordnung einer offenen Sitzung; erst das Ergebnis erfassen oder sie absetzen.',
  'MOTION.ALREADY_DECIDED': 'Über die Vorlage ist bereits entschieden.',
  'MOTION.ALREADY_COSIGNED': 'Diese Stelle hat bereits mitgezeichnet.',
  'MOTION.AMENDMENT_TEXT_MISSING': 'Für ein Ergebnis „mit Änderung“ fehlt der geänderte Text.',
  'MOTION.AMENDMENT_TEXT_UNEXPECTED': 'Ein geänderter Text gehört nur zu einem Ergebnis „mit Änderung“.',
  'MOTION.ATTENDANCE_MISSING': 'Für die Sitzung ist keine Anwesenheit erfasst.',
  'MOTION.COSIGN_MISSING': 'Es fehlen noch Mitzeichnungen.',
  'MOTION.INVITATION_TOO_LATE': 'Die Ladungsfrist des Gremiums ist nicht mehr einzuhalten.',
  'MOTION.LEGAL_BASIS_MISSING': 'Einem Beschlussvorschlag fehlt die Rechtsgrundlage.',
  'MOTION.MEETING_IN_PAST': 'Die Sitzung liegt in der Vergangenheit.',
  'MOTION.MEETING_NOT_YET_HELD': 'Die Sitzung ist noch nicht durchgeführt.',
  'MOTION.MIXED_PROCEDURAL_OUTCOME': 'Vertagung oder Zurückverweisung gilt für alle Beschlussvorschläge gemeinsam.',
  'MOTION.NO_DECIDING_STEP': 'Die Beratungsfolge hat kein entscheidendes Gremium.',
  'MOTION.MULTIPLE_DECIDING_STEPS': 'Die Beratungsfolge hat mehr als ein entscheidendes Gremium.',
  'MOTION.NOT_A_COSIGNER': 'Diese Stelle ist nicht zur Mitzeichnung vorgesehen.',
  'MOTION.NOT_COMPETENT': 'Das Gremium ist für diese Entscheidung nicht zuständig (Zuständigkeitsordnung).',
  'MOTION.NOT_ON_AGENDA': 'Die Vorlage steht nicht auf der Tagesordnung dieser Sitzung.',
  'MOTION.NO_PROPOSALS': 'Die Vorlage hat keinen Beschlussvorschlag.',
  'MOTION.NO_QUORUM': 'Das Gremium ist nicht beschlussfähig: weniger als die Hälfte der gesetzlichen Mitglieder ist anwesend.',
  'MOTION.OUTCOME_MISSING': 'Für jeden Beschlussvorschlag ist ein Ergebnis zu erfassen.',
  'MOTION.OUTCOME_NOT_ALLOWED': 'Dieses Ergebnis passt nicht zur Rolle des Gremiums in der Beratungsfolge.',
  'MOTION.PROPOSAL_NOT_ADOPTED': 'Der Beschlussvorschlag ist nicht beschlossen.',
  'MOTION.REASON_REQUIRED': 'Eine Begründung ist erforderlich.',
  'MOTION.RESULT_CONTRADICTS_VOTES': 'Das Ergebnis widerspricht dem Stimmenverhältnis.',
  'MOTION.REVOCATION_BARRED': 'Die Dringlichkeitsentscheidung kann nicht mehr aufgehoben werden.',
  'MOTION.STEP_AFTER_DECISION': 'Nach der Entscheidung folgt keine weitere Beratung.',
  'MOTION.STEP_COMPLETED': 'Dieser Schritt der Beratungsfolge ist bereits abgeschlossen.',
  'MOTION.STEP_NOT_CURRENT': 'Dieser Schritt der Beratungsfolge ist noch nicht an der Reihe.',
  'MOTION.TASKS_OPEN': 'Es sind noch Umsetzungsaufgaben offen.',
  'MOTION.UNKNOWN_PROPOSAL': 'Diesen Beschlussvorschlag gibt es nicht.',
  'MOTION.URGENT_DECISION_NOT_APPLICABLE': 'Eine Dringlichkeitsentscheidung ist hier nicht vorgesehen.',
  'MOTION.VOTES_MISSING': 'Für Empfehlungen und Beschlüsse ist das Stimmenverhältnis anzugeben.',
  'MOTION.INVALID_VOTES': 'Das Stimmenverhältnis passt nicht zur Zahl der Anwesenden.',
  'MOTION.WRONG_BODY': 'Die Sitzung gehört nicht zu dem Gremium, das jetzt berät.',
  'MEETING.INVITATION_TOO_LATE': 'Die Ladungsfrist ist nicht eingehalten.',
  'MEETING.NOT_YET_BEGUN': 'Die Sitzung hat noch nicht begonnen.',
  'MEETING.NOT_HELD': 'Die Sitzung ist noch nicht durchgeführt.',
  'MEETING.ATTENDANCE_NOT_RECORDED': 'Die Anwesenheit ist noch nicht erfasst.',
  'MEETING.NOT_A_MEMBER': 'Eine der Personen gehört dem Gremium am Sitzungstag nicht an.',
  'MEETING.AGENDA_CLOSED': 'Die Tagesordnung ist geschlossen.',
  'MEETING.IN_PAST': 'Die Sitzung liegt in der Vergangenheit.',
  'MEETING.REASON_REQUIRED': 'Eine Begründung ist erforderlich.',
  'WORKFLOW.EVENT_NOT_ALLOWED': 'Dieser Schritt ist im aktuellen Stand nicht möglich.',
  'WORKFLOW.VERSION_CONFLICT': 'Der Vorgang wurde gleichzeitig geändert. Bitte erneut versuchen.',
  'WORKFLOW.STALE_VERSION': 'Der Vorgang wurde inzwischen geändert. Bitte den aktuellen Stand prüfen und erneut absenden.',
  'WORKFLOW.GUARD_REFUSED': 'Eine Regel lässt diesen Schritt nicht zu.',
  'VALIDATION.FAILED': 'Die Eingaben sind unvollständig oder ungültig.',
};

export function ruleText(code: string | undefined): string | undefined {
  return code ? RULE_TEXT[code] : undefined;
}
