import { grantCommands } from '../../src/grants/grants.commands';
import { meetingCommands } from '../../src/meetings/meetings.commands';
import { motionCommands } from '../../src/motions/motions.commands';
import { selectionCommands } from '../../src/selection/selection.commands';
import { GRANT_COMMAND_LABEL, MEETING_COMMAND_LABEL, MOTION_COMMAND_LABEL, SELECTION_COMMAND_LABEL } from '../../web/src/shared/commands';

/**
 * The console names every command of the API's command tables, and its form registries are typed by
 * those names (a missing form does not compile): a command added to a table without a form in the
 * console fails here.
 */
describe('the console has a form for every command', () => {
  it.each([
    ['motion', motionCommands, MOTION_COMMAND_LABEL],
    ['meeting', meetingCommands, MEETING_COMMAND_LABEL],
    ['selection', selectionCommands, SELECTION_COMMAND_LABEL],
    ['grant', grantCommands, GRANT_COMMAND_LABEL],
  ])('%s', (_, table, labels) => {
    expect(Object.keys(labels).sort()).toEqual(table.commands.map((c) => c.event).sort());
  });
});
