import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Browser, Page } from 'playwright-core';
import { seedDatabase } from '../../seeds/seed';
import { WEB_DIST } from '../../scripts/console';
import { createApp } from '../../src/app.factory';
import { ensureDevAccess } from '../../src/auth/dev-access';
import { TravelClock } from '../../src/common/clock';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { describeInBrowser, ensureConsoleBuiltOnce, launchChromium, screenshot, SCREENSHOTS, wcagViolations } from './support/browser';


const ADMIN = 'Bearer bw_dev-admin_coesfeld-demo-admin-2020';

/**
 * The clerk's part of the README walkthrough, through the console in Chromium: the seeded Coesfeld
 * motion goes through the Integrationsausschuss, the Sozialausschuss (Kenntnisnahme) and the
 * Kreisausschuss to the Kreistag's decision. The server's development clock is moved between the
 * meetings, as the README does with curl. Every page is checked with axe-core (WCAG 2.1 A/AA).
 */
describeInBrowser('console: the clerk takes the Coesfeld motion to the Kreistag decision', (chromiumPath) => {
  jest.setTimeout(180_000);
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let browser: Browser;
  let page: Page;
  let base: string;
  const pageErrors: string[] = [];

  const clock = async (now: string) => {
    const res = await fetch(`${base}/dev/clock`, { method: 'PUT', headers: { Authorization: ADMIN, 'Content-Type': 'application/json' }, body: JSON.stringify({ now }) });
    expect(res.status).toBe(200);
  };
  const expectAccessible = async (what: string) => {
    expect({ page: what, violations: await wcagViolations(page) }).toEqual({ page: what, violations: [] });
  };
  const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });

  const openMotion = async () => {
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Vorlagen' }).click();
    await page.getByRole('link', { name: 'SV-9-1600/1' }).click();
    await heading(/Umsetzung der Landesinitiativen/).waitFor();
  };
  const MONTHS = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];
  const monthIndex = (title: string) => {
    const [name = '', year = ''] = title.trim().split(' ');
    return Number(year) * 12 + MONTHS.indexOf(name);
  };
  /** Opens the calendar, pages to the meeting's month and follows the meeting's link in the month's list. */
  const openMeeting = async (body: string, month = 'August 2020') => {
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Sitzungen' }).click();
    const heading = page.locator('#calendar-month');
    await heading.waitFor();
    for (let shown = await heading.innerText(); shown !== month; shown = await heading.innerText()) {
      await page.getByRole('button', { name: monthIndex(shown) < monthIndex(month) ? 'Nächster Monat' : 'Vorheriger Monat' }).click();
      await page.waitForFunction(`document.getElementById('calendar-month')?.textContent !== ${JSON.stringify(shown)}`);
    }
    await page.getByRole('region', { name: `Sitzungen im ${month}` }).getByRole('link', { name: body, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: body }).waitFor();
  };
  /** Ticks the first `present` seats, saves, and marks the meeting held. */
  const hold = async (present: number) => {
    const seats = page.getByRole('group', { name: 'Anwesende Mitglieder' }).getByRole('checkbox');
    await seats.first().waitFor();
    for (let i = 0; i < present; i++) await seats.nth(i).check();
    await expect(page.getByTestId('quorum').textContent()).resolves.toContain(`${present} von`);
    await page.getByRole('button', { name: 'Anwesenheit speichern' }).click();
    await page.getByRole('button', { name: 'Sitzung als durchgeführt markieren' }).click();
    await page.getByText('Durchgeführt', { exact: true }).first().waitFor();
  };
  const invite = async () => {
    await page.getByRole('button', { name: 'Einladung versenden' }).click();
    await page.getByTestId('invitation').waitFor();
  };
  const schedule = async (body: string) => {
    await page.getByRole('button', { name: 'Auf Tagesordnung setzen' }).click();
    const form = page.getByRole('form', { name: 'Auf Tagesordnung setzen' });
    await form.getByLabel('Sitzung', { exact: true }).selectOption({ label: await form.getByRole('option', { name: new RegExp(`^${body},`) }).innerText() });
    await form.getByRole('button', { name: 'Auf Tagesordnung setzen' }).click();
    await form.waitFor({ state: 'detached' });
  };
  /** Records one outcome per proposal: [outcome label, ja, nein, enthaltung] or just the label. */
  const recordOutcome = async (body: string, outcomes: [string, number?, number?, number?][]) => {
    await page.getByRole('button', { name: 'Beratungsergebnis erfassen' }).click();
    const form = page.getByRole('form', { name: 'Beratungsergebnis erfassen' });
    const consultation = form.getByLabel('Beratung');
    await consultation.selectOption({ label: await consultation.getByRole('option', { name: new RegExp(`^${body} \\(`) }).innerText() });
    for (const [i, [outcome, ja, nein, enthaltung]] of outcomes.entries()) {
      const proposal = form.getByRole('group', { name: `Beschlussvorschlag ${i + 1}` });
      await proposal.getByLabel('Ergebnis').selectOption({ label: outcome });
      if (ja !== undefined) {
        await proposal.getByLabel('Ja', { exact: true }).fill(String(ja));
        await proposal.getByLabel('Nein', { exact: true }).fill(String(nein));
        await proposal.getByLabel('Enthaltung', { exact: true }).fill(String(enthaltung));
      }
    }
    await form.getByRole('button', { name: 'Ergebnis speichern' }).click();
    await form.waitFor({ state: 'detached' });
  };

  beforeAll(async () => {
    await ensureConsoleBuiltOnce();
    Object.assign(process.env, { TIMERS: 'off', OUTBOX_POLL: 'off', CHECKPOINT_INTERVAL_MINUTES: '0', RATE_LIMIT_PER_MINUTE: '100000' });
    db = await createTestDatabase();
    await seedDatabase(db.url);
    app = await createApp({ databaseUrl: db.url, clock: new TravelClock(), devClock: true, logger: false, console: { root: WEB_DIST, demoUsers: true } });
    await ensureDevAccess(app);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    browser = await launchChromium(chromiumPath);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'de-DE', timezoneId: 'America/New_York' });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.setDefaultTimeout(30_000);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.drop();
  });
  afterEach(async () => {
    expect(pageErrors).toEqual([]);
    // where the last step left the page (the place to look when it failed)
    await page.screenshot({ path: join(SCREENSHOTS, 'last-step.png'), fullPage: true });
  });

  it('signs the clerk in with one click and shows role and Körperschaft', async () => {
    await clock('2020-08-04T10:00:00+02:00');
    await page.goto(`${base}/console/`);
    await heading('Anmeldung').waitFor();
    await expectAccessible('Anmeldung');
    await screenshot(page, '01-anmeldung');
    await page.getByRole('button', { name: 'Sitzungsdienst (Kreis Coesfeld)' }).click();
    await expect(page.getByTestId('signed-in-as').innerText()).resolves.toBe('Sitzungsdienst (demo) · Sitzungsdienst · Kreis Coesfeld');
    await expectAccessible('Übersicht');
  });

  it('finds the motion by reference and filters by state; the list pages', async () => {
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Vorlagen' }).click();
    await page.getByLabel('Aktenzeichen oder Titel').fill('SV-9-1600');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.getByRole('link', { name: 'SV-9-1600/1' }).waitFor({ state: 'visible' });
    await page.getByLabel('Stand').selectOption({ label: 'Beschlossen' });
    await page.getByText('Keine Vorlage passt zu dieser Suche.').waitFor();
    await page.getByLabel('Stand').selectOption({ label: 'In Beratung' });
    await page.getByRole('link', { name: 'SV-9-1600/1' }).waitFor();
    expect(page.url()).toContain('status=scheduled');
    await expectAccessible('Vorlagen');
    await screenshot(page, '02-vorlagen');
  });

  it('shows a blocked step with its rule, and a refused command with every violated rule', async () => {
    await openMotion();
    const blocked = page.getByRole('button', { name: 'Auf Tagesordnung setzen' });
    await expect(blocked.isDisabled()).resolves.toBe(true);
    const reason = page.locator(`#${await blocked.getAttribute('aria-describedby')}`);
    await expect(reason.innerText()).resolves.toMatch(/Nicht möglich: Die Vorlage steht bereits auf der Tagesordnung einer offenen Sitzung.*MOTION\.ALREADY_ON_OPEN_AGENDA/s);

    // the Integrationsausschuss has not met yet: recording its outcome is refused, and nothing is written
    await page.getByRole('button', { name: 'Beratungsergebnis erfassen' }).click();
    const form = page.getByRole('form', { name: 'Beratungsergebnis erfassen' });
    await form.getByRole('button', { name: 'Ergebnis speichern' }).click();
    const alert = form.getByRole('alert').first();
    await alert.waitFor();
    await expect(alert.innerText()).resolves.toMatch(/Nicht ausgeführt[\s\S]*Die Sitzung ist noch nicht durchgeführt[\s\S]*MEETING\.NOT_HELD/);
    await expectAccessible('Vorlage mit Ablehnung');
    await page.evaluate("document.getElementById('steps-heading').scrollIntoView({ behavior: 'instant' })");
    await screenshot(page, '03-vorlage-ablehnung');
    await form.getByRole('button', { name: 'Abbrechen' }).click();
  });

  it('holds the Integrationsausschuss on 12.08.2020 and records its recommendation', async () => {
    await clock('2020-08-12T17:05:00+02:00');
    await openMeeting('Integrationsausschuss');
    await hold(13);
    await expect(page.getByTestId('quorum').innerText()).resolves.toContain('13 von 15 stimmberechtigten Mitgliedern anwesend – beschlussfähig ab 8: beschlussfähig');
    await expectAccessible('Sitzung');
    await clock('2020-08-12T18:00:00+02:00');
    await openMotion();
    await recordOutcome('Integrationsausschuss', [
      ['Empfohlen', 12, 0, 1],
      ['Empfohlen', 12, 0, 1],
    ]);
    await page.getByText('Vorschlag 1 (Fassung 1): Empfohlen – Ja 12, Nein 0, Enthaltung 1').waitFor();
  });

  it('invites the Sozialausschuss and the Kreisausschuss in time, and puts the motion on the Kreisausschuss agenda', async () => {
    await clock('2020-08-13T09:00:00+02:00');
    await openMeeting('Ausschuss für Arbeit, Soziales, Senioren und Gesundheit');
    // the countdown runs on the server's (travelled) clock: 13.08.2020 09:00, the last day to invite
    await page.getByText(/Einladung spätestens am 13\.08\.2020 – noch 14 Std\. 5\d Min\./).waitFor();
    // a plain item goes on the open agenda with its own form (an ADD_AGENDA_ITEM event of the meeting)
    const addItem = page.getByRole('form', { name: 'Tagesordnungspunkt hinzufügen' });
    await addItem.getByLabel('Gegenstand').fill('Mitteilungen der Verwaltung');
    await addItem.getByLabel('öffentlich', { exact: true }).check();
    await addItem.getByRole('button', { name: 'Hinzufügen' }).click();
    await page.getByRole('region', { name: 'Öffentlicher Teil' }).getByText('Mitteilungen der Verwaltung').waitFor();
    await expectAccessible('Sitzung mit neuem Tagesordnungspunkt');
    await screenshot(page, '05a-sitzung-tagesordnungspunkt');
    await invite();
    await openMotion();
    await schedule('Kreisausschuss');
    await clock('2020-08-17T09:00:00+02:00');
    await openMeeting('Kreisausschuss');
    await invite();
  });

  it('has the Sozialausschuss take note on 19.08.2020 and the Kreisausschuss recommend on 26.08.2020', async () => {
    await clock('2020-08-19T17:30:00+02:00');
    await openMeeting('Ausschuss für Arbeit, Soziales, Senioren und Gesundheit');
    await hold(11);
    await openMotion();
    await recordOutcome('Ausschuss für Arbeit, Soziales, Senioren und Gesundheit', [['Zur Kenntnis genommen'], ['Zur Kenntnis genommen']]);

    await clock('2020-08-26T16:05:00+02:00');
    await openMeeting('Kreisausschuss');
    await hold(15);
    await clock('2020-08-26T17:00:00+02:00');
    await openMotion();
    await recordOutcome('Kreisausschuss', [
      ['Empfohlen', 14, 1, 0],
      ['Empfohlen', 14, 1, 0],
    ]);
  });

  it('schedules the Kreistag, invites within the six-day Ladungsfrist, and records the decision of 02.09.2020', async () => {
    await clock('2020-08-27T08:00:00+02:00');
    await openMotion();
    await schedule('Kreistag');
    await openMeeting('Kreistag', 'September 2020');
    await invite();
    await expect(page.getByTestId('invitation').innerText()).resolves.toBe('Eingeladen am 27.08.2020.');

    await clock('2020-09-02T17:05:00+02:00');
    await openMeeting('Kreistag', 'September 2020');
    await hold(50);
    await clock('2020-09-02T19:00:00+02:00');
    await openMotion();
    await recordOutcome('Kreistag', [
      ['Beschlossen', 47, 2, 1],
      ['Beschlossen', 45, 3, 2],
    ]);
    await expect(page.getByTestId('decision').innerText()).resolves.toBe('Kreistag, 02.09.2020, 19:00 Uhr: Vorschlag 1 beschlossen; Vorschlag 2 beschlossen');
    await page.getByText('Beschlossen', { exact: true }).first().waitFor({ state: 'visible' });
    await expectAccessible('Vorlage beschlossen');
    await screenshot(page, '04-vorlage-beschlossen');

    // the Kreistag's meeting page shows both outcomes with their votes
    await openMeeting('Kreistag', 'September 2020');
    await page.getByText('Vorschlag 1: Beschlossen (47:2:1); Vorschlag 2: Beschlossen (45:3:2)').waitFor();
    await expectAccessible('Sitzung Kreistag');
    await screenshot(page, '05-sitzung-kreistag');
  });

  it('shows the month as a calendar grid, operated with the keyboard, and the month list beside it', async () => {
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Sitzungen' }).click();
    const grid = page.getByRole('grid', { name: 'September 2020' });
    await grid.waitFor();
    await expect(grid.getByRole('columnheader').allInnerTexts()).resolves.toEqual(['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So']);
    // the server's today (02.09.2020, Europe/Berlin) is the grid's one tab stop; the Kreistag meets that day
    const today = grid.locator('[aria-current="date"]');
    await expect(today.getAttribute('data-day')).resolves.toBe('2020-09-02');
    await expect(today.getAttribute('tabindex')).resolves.toBe('0');
    await expect(today.innerText()).resolves.toContain('Mittwoch, 2. September 2020: 1 Sitzung');
    await expectAccessible('Sitzungskalender');
    await screenshot(page, '06-sitzungskalender');

    const focusedDay = () => page.evaluate<string | null>('document.activeElement?.getAttribute("data-day") ?? null');
    await today.focus();
    await page.keyboard.press('PageUp');
    await page.getByRole('grid', { name: 'August 2020' }).waitFor();
    await expect(focusedDay()).resolves.toBe('2020-08-02');
    for (const key of ['ArrowDown', 'ArrowRight', 'ArrowRight', 'ArrowRight']) await page.keyboard.press(key);
    await expect(focusedDay()).resolves.toBe('2020-08-12');
    // Enter leads from the day to its meeting in the month's list
    await page.keyboard.press('Enter');
    await expect(page.evaluate('document.activeElement?.textContent')).resolves.toBe('Integrationsausschuss');
    await page.getByLabel('Gremium').selectOption({ label: 'Kreistag' });
    await page.getByText('In diesem Monat sind für dieses Gremium keine Sitzungen angesetzt.').waitFor();
    await page.getByRole('button', { name: 'Nächster Monat' }).click();
    await page.getByRole('region', { name: 'Sitzungen im September 2020' }).getByRole('link', { name: 'Kreistag', exact: true }).waitFor();
    expect(page.url()).toMatch(/month=2020-09/);
    await expectAccessible('Sitzungskalender eines Gremiums');
  });

  it('records an implementation task through its form, with the messages of the API under the fields', async () => {
    await openMotion();
    await page.getByRole('button', { name: 'Umsetzungsaufgabe anlegen' }).click();
    const form = page.getByRole('form', { name: 'Umsetzungsaufgabe anlegen' });
    // sent empty: refused, and each missing field says so under itself
    await form.getByRole('button', { name: 'Umsetzungsaufgabe anlegen' }).click();
    await form.getByRole('alert').first().waitFor();
    const title = form.getByLabel('Aufgabe', { exact: true });
    await expect(title.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator(`#${(await title.getAttribute('aria-describedby'))!.split(' ').pop()!}`).innerText()).resolves.toContain('title');
    await expect(form.getByLabel('Erledigen bis').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible('Formular mit Feldfehlern');

    await title.fill('Weiterleitungsverträge mit den Trägern schließen');
    await form.getByLabel('Zuständig', { exact: true }).fill('Kommunales Integrationszentrum');
    await form.getByLabel('Erledigen bis').fill('2020-12-31');
    await form.getByLabel('Umgesetzter Beschluss (optional)').selectOption({ label: 'Beschlussvorschlag 1' });
    await form.getByRole('button', { name: 'Umsetzungsaufgabe anlegen' }).click();
    await form.waitFor({ state: 'detached' });
    await expect(page.getByTestId('tasks').innerText()).resolves.toContain('Weiterleitungsverträge mit den Trägern schließen – Kommunales Integrationszentrum, bis 31.12.2020: Offen (Beschluss 1)');
  });

  it('issues the Beschlussauszug and the Niederschrift as PDF and downloads one', async () => {
    const documents = page.getByRole('region', { name: 'Dokumente' });
    const issue = documents.getByRole('form', { name: 'Dokument ausstellen' });
    await issue.getByLabel('Art').selectOption({ label: 'Beschlussauszug' });
    await issue.getByLabel('Beschlossener Vorschlag').selectOption({ label: 'Beschlussvorschlag 2' });
    await issue.getByRole('button', { name: 'Beschlussauszug ausstellen' }).click();
    const row = documents.getByRole('row').filter({ hasText: 'Beschlussauszug, öffentlicher Teil' });
    await row.waitFor();
    await expect(row.innerText()).resolves.toMatch(/KB[\s\S]*02\.09\.2020, 19:0\d Uhr/);

    const download = page.waitForEvent('download');
    await row.getByRole('button', { name: /herunterladen$/ }).click();
    const file = await download;
    const bytes = readFileSync(await file.path());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(file.suggestedFilename()).toMatch(/\.pdf$/);
    // the hash shown is the file's
    const hash = createHash('sha256').update(bytes).digest('hex');
    await expect(row.locator('summary').innerText()).resolves.toBe(`${hash.slice(0, 12)}…`);
    await expectAccessible('Vorlage mit Dokumenten');
    await page.evaluate("document.getElementById('documents-heading').scrollIntoView({ behavior: 'instant' })");
    await screenshot(page, '07-vorlage-dokumente');

    await openMeeting('Kreistag', 'September 2020');
    const meetingDocuments = page.getByRole('region', { name: 'Dokumente' });
    const issueMinutes = meetingDocuments.getByRole('form', { name: 'Dokument ausstellen' });
    await issueMinutes.getByLabel('Art').selectOption({ label: 'Niederschrift' });
    await issueMinutes.getByLabel('Teil').selectOption({ label: 'Nichtöffentlicher Teil' });
    await issueMinutes.getByRole('button', { name: 'Niederschrift ausstellen' }).click();
    await meetingDocuments.getByRole('row').filter({ hasText: 'Niederschrift, nichtöffentlicher Teil' }).waitFor();
    await expectAccessible('Sitzung mit Dokumenten');
  });
});
