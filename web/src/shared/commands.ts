/**
 * Every command of the API's command tables (src/motions/motions.commands.ts, src/meetings/…,
 * src/selection/…, src/grants/…), with the German name the console shows for it. Each area's form
 * registry is typed by these keys, so a command without a form does not compile, and
 * test/console/commands.spec.ts holds the keys equal to the tables: a new command needs a form.
 */

export const MOTION_COMMAND_LABEL = {
  EDIT_MOTION: 'Vorlage bearbeiten',
  ADD_PROPOSAL: 'Beschlussvorschlag hinzufügen',
  EDIT_PROPOSAL: 'Beschlussvorschlag ändern',
  REMOVE_PROPOSAL: 'Beschlussvorschlag entfernen',
  SET_CONSULTATION_SEQUENCE: 'Beratungsfolge festlegen',
  SUBMIT_FOR_COSIGNING: 'Zur Mitzeichnung geben',
  COSIGN: 'Mitzeichnen',
  REFUSE_COSIGN: 'Mitzeichnung verweigern',
  RETURN_TO_DRAFT: 'In den Entwurf zurückholen',
  RELEASE: 'Freigeben',
  SCHEDULE: 'Auf Tagesordnung setzen',
  UNSCHEDULE: 'Von Tagesordnung absetzen',
  RECORD_OUTCOME: 'Beratungsergebnis erfassen',
  REVISE: 'Überarbeiten',
  SCHEDULE_URGENT: 'Dringlichkeitsvorlage dem Kreisausschuss vorlegen',
  URGENT_DECISION: 'Dringlichkeitsentscheidung des Kreisausschusses',
  URGENT_DECISION_BY_LANDRAT: 'Dringlichkeitsentscheidung des Landrats',
  APPROVE_URGENT_DECISION: 'Dringlichkeitsentscheidung genehmigen',
  REVOKE_URGENT_DECISION: 'Dringlichkeitsentscheidung aufheben',
  WITHDRAW: 'Zurückziehen',
  ADD_TASK: 'Umsetzungsaufgabe anlegen',
  UPDATE_TASK: 'Umsetzungsaufgabe fortschreiben',
  COMPLETE_IMPLEMENTATION: 'Umsetzung abschließen',
  CLOSE: 'Vorgang schließen',
} as const satisfies Record<string, string>;

export const MEETING_COMMAND_LABEL = {
  SEND_INVITATION: 'Einladung versenden',
  ADD_AGENDA_ITEM: 'Tagesordnungspunkt hinzufügen',
  RECORD_ATTENDANCE: 'Anwesenheit erfassen',
  MARK_HELD: 'Sitzung als durchgeführt markieren',
  APPROVE_MINUTES: 'Niederschrift genehmigen',
  CANCEL: 'Sitzung absagen',
} as const satisfies Record<string, string>;

export const SELECTION_COMMAND_LABEL = {
  EDIT: 'Entwurf bearbeiten',
  PUBLISH: 'Aufruf veröffentlichen',
  RECEIVE_DECLARATION: 'Interessenbekundung erfassen',
  RECORD_LATE_DECLARATION: 'Verspätete Bekundung erfassen',
  DECLARE_CONFLICT: 'Befangenheit erklären',
  CLOSE: 'Aufruf schließen',
  START_EVALUATION: 'Bewertung beginnen',
  SCORE: 'Bewertung erfassen',
  START_TALKS: 'Trägergespräche beginnen',
  RECORD_TALK: 'Trägergespräch erfassen',
  DECIDE_SELECTION: 'Auswahl entscheiden',
  ROLL_OUT: 'Auf das ganze Kreisgebiet ausweiten',
  RECORD_STAFFING: 'Stellenbesetzung melden',
  INFORM_COMMITTEE: 'Ausschuss informieren',
  COMPLETE: 'Verfahren abschließen',
  CANCEL: 'Verfahren aufheben',
  NO_SUITABLE_DECLARATION: 'Ohne geeignete Bekundung beenden',
} as const satisfies Record<string, string>;

export const GRANT_COMMAND_LABEL = {
  SUBMIT: 'Antrag einreichen',
  APPROVE_EARLY_START: 'Vorzeitigen Maßnahmebeginn erfassen',
  RECORD_MEASURE_START: 'Maßnahmebeginn erfassen',
  APPROVAL_NOTICE: 'Bewilligungsbescheid erfassen',
  REJECT: 'Ablehnung erfassen',
  WITHDRAW: 'Antrag zurückziehen',
  CONCLUDE_CONTRACT: 'Weiterleitungsvertrag schließen',
  SPEND_OWN_SHARE: 'Eigenanteil verausgaben',
  RECORD_BUDGET_ADOPTION: 'Haushaltsbeschluss erfassen',
  CALL_FUNDS: 'Mittel abrufen',
  SUBMIT_PROOF_OF_USE: 'Verwendungsnachweis einreichen',
  CLOSE: 'Zuwendungsverfahren abschließen',
} as const satisfies Record<string, string>;

export type MotionCommand = keyof typeof MOTION_COMMAND_LABEL;
export type MeetingCommand = keyof typeof MEETING_COMMAND_LABEL;
export type SelectionCommand = keyof typeof SELECTION_COMMAND_LABEL;
export type GrantCommand = keyof typeof GRANT_COMMAND_LABEL;
