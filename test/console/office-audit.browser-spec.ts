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
 * The managing office and the auditor in the console (Chromium): the office reads the selection
 * procedures (ranking, coverage of the eleven municipalities), records the approval notice of the
 * main grant and concludes a forwarding contract, and sees the deadlines; the auditor verifies all
 * instances, replays the motion's history, sees its state on 19.08.2020, its machine diagram, verifies
 * it and downloads the evidence bundle. Every page is checked with axe-core (WCAG 2.1 A/AA).
 */
describeInBrowser('console: the managing office and the auditor', (chromiumPath) => {
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
  const nav = (name: string) => page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name, exact: true });
  /** Waits until a command form closes; if the API refused, fails with the refusal's text. */
  const settle = async (form: ReturnType<Page['getByRole']>) => {
    const alert = form.getByRole('alert').first();
    await Promise.race([form.waitFor({ state: 'detached' }), alert.waitFor()]);
    if (await form.isVisible()) throw new Error(`refused: ${await form.innerText()}`);
  };
  const signIn = async (button: string) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE', timezoneId: 'America/New_York', acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.setDefaultTimeout(30_000);
    await page.goto(`${base}/console/`);
    await heading('Anmeldung').waitFor();
    await page.getByRole('button', { name: button }).click();
    await page.getByTestId('signed-in-as').waitFor();
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
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.drop();
  });
  afterEach(async () => {
    expect(pageErrors).toEqual([]);
    await page?.screenshot({ path: join(SCREENSHOTS, 'office-audit-last-step.png'), fullPage: true });
  });

  it('office: selection procedures, the ranking and the coverage of the eleven municipalities', async () => {
    await clock('2020-10-05T10:00:00+02:00');
    await signIn('Geschäftsführende Stelle (Kreis Coesfeld)');
    await nav('Auswahlverfahren').click();
    await heading('Auswahlverfahren').waitFor();
    await page.getByRole('region', { name: 'Auswahlverfahren' }).waitFor();
    await expectAccessible('Auswahlverfahren');
    await screenshot(page, 'office-01-auswahlverfahren');

    await page.getByRole('row').filter({ hasText: 'Baustein VI' }).getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: 'Versorgung der Kommunen' }).waitFor();
    await page.getByTestId('scoring-matrix').waitFor();
    await page.getByTestId('coverage-grid').waitFor();
    await expect(page.getByTestId('coverage-grid').getByRole('listitem').count()).resolves.toBe(11);
    await page.getByText('11 von 11 Kommunen versorgt').waitFor({ state: 'visible' });
    await page.getByText('Nein, die Auswahl folgt der Rangfolge.').waitFor({ state: 'visible' });
    await expectAccessible('Auswahlverfahren Baustein VI');
    await screenshot(page, 'office-02-auswahlverfahren-baustein-vi');
  });

  it('office: scores a declaration through its form; a refused score names its rule under the field', async () => {
    await nav('Auswahlverfahren').click();
    await page.getByRole('row').filter({ hasText: 'Baustein IV' }).getByRole('link').click();
    await page.getByTestId('scoring-matrix').waitFor();
    await page.getByRole('button', { name: 'Bewertung erfassen', exact: true }).click();
    const form = page.getByRole('form', { name: 'Bewertung erfassen' });
    await form.getByLabel('Interessenbekundung').selectOption({ label: 'VHS Lüdinghausen (D-1)' });
    await form.getByLabel('Kriterium').selectOption({ label: 'Konzept und Zielgruppenbezug' });
    await form.getByLabel('Bewertende Person (Kennung)').fill('ki-bewertung-1');
    const points = form.getByLabel('Punkte (0 bis 5)');
    await points.fill('9');
    await form.getByLabel('Begründung der Bewertung').fill('Schlüssiges Konzept für die Zielgruppe.');
    await form.getByRole('button', { name: 'Bewertung erfassen' }).click();
    await form.getByRole('alert').first().waitFor();
    await expect(points.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator(`#${(await points.getAttribute('aria-describedby'))!}`).innerText()).resolves.toContain('Die Punkte liegen außerhalb der Skala des Verfahrens.');
    await expectAccessible('Bewertung abgelehnt');
    await screenshot(page, 'office-02a-bewertung-abgelehnt');

    await points.fill('4');
    await form.getByRole('button', { name: 'Bewertung erfassen' }).click();
    await settle(form);
    const row = page.getByTestId('scoring-matrix').getByRole('row').filter({ hasText: 'VHS Lüdinghausen' });
    await expect(row.innerText()).resolves.toMatch(/Ø 4,00 → 32,00\s+1 Bewertung\b/);
  });

  it('office: records the approval notice and concludes a forwarding contract; a refusal shows its rule', async () => {
    await nav('Zuwendungen').click();
    await heading('Zuwendungen').waitFor();
    await page.getByRole('region', { name: 'Haushaltsquellen' }).last().waitFor();
    await expectAccessible('Zuwendungen');
    await screenshot(page, 'office-03-zuwendungen');

    await page.getByRole('link', { name: /Bausteine I, II, III, IV, VI/ }).click();
    await page.getByTestId('financing').waitFor();
    await page.getByRole('button', { name: 'Bewilligungsbescheid erfassen' }).click();
    const notice = page.getByRole('form', { name: 'Bewilligungsbescheid erfassen' });
    await notice.getByLabel('Aktenzeichen des Bescheids').fill('51.04.06-2020-117');
    await notice.getByLabel('Datum des Bescheids').fill('2020-09-28');
    await notice.getByLabel('Bewilligter Betrag (Euro)').fill('465600.00');
    await notice.getByLabel('Nebenbestimmungen').fill('ANBest-P');
    await expectAccessible('Formular Bewilligungsbescheid');
    await notice.getByRole('button', { name: 'Bewilligungsbescheid erfassen' }).click();
    await settle(notice);
    await expect(page.getByTestId('approval').innerText()).resolves.toContain('51.04.06-2020-117');

    // more than approved is refused, with the rule and its code, and nothing is written
    await page.getByRole('button', { name: 'Weiterleitungsvertrag schließen' }).click();
    const contract = page.getByRole('form', { name: 'Weiterleitungsvertrag schließen' });
    await contract.getByLabel('Baustein').selectOption('VI');
    await contract.getByLabel('Träger').locator('option', { hasText: /Caritas/ }).waitFor({ state: 'attached' });
    await contract.getByLabel('Vertragsnummer').fill('WV-VI-1');
    await contract.getByLabel('Betrag (Euro)').fill('999999.00');
    await contract.getByRole('button', { name: 'Weiterleitungsvertrag schließen' }).click();
    const refusal = contract.getByRole('alert').first();
    await refusal.waitFor();
    await expect(refusal.innerText()).resolves.toMatch(/Code: GRANT\./);
    await expectAccessible('Vertrag abgelehnt');
    await screenshot(page, 'office-04-vertrag-abgelehnt');

    await contract.getByLabel('Betrag (Euro)').fill('60000.00');
    await contract.getByRole('button', { name: 'Weiterleitungsvertrag schließen' }).click();
    await settle(contract);
    await expect(page.getByTestId('contracts').innerText()).resolves.toContain('WV-VI-1');
    await expectAccessible('Zuwendung');
    await screenshot(page, 'office-05-zuwendung');
  });

  it('office: the deadlines dashboard', async () => {
    // a year on, the proof of use (30.06.2022) is within the dashboard's longest window
    await clock('2021-08-01T10:00:00+02:00');
    await nav('Fristen').click();
    await heading('Fristen').waitFor();
    await page.getByLabel('Zeitraum').selectOption('366');
    const table = page.getByTestId('deadlines');
    // wait for the 366-day answer's table itself (an earlier alert or the 30-day view's text must not end the wait);
    // when it never comes, the page's text says why
    await table.waitFor({ state: 'visible' }).catch(async () => {
      throw new Error(`no deadlines table: ${await page.locator('#inhalt').innerText()}`);
    });
    await expect(table.getByRole('row').count()).resolves.toBeGreaterThan(1);
    await expectAccessible('Fristen');
    await screenshot(page, 'office-06-fristen');
  });

  it('auditor: verifies everything, replays the motion, sees its state on 19.08.2020, its diagram, and downloads the evidence', async () => {
    await page.context().close();
    await signIn('Rechnungsprüfung (Kreis Coesfeld)');
    await nav('Prüfung').click();
    await heading('Prüfung').waitFor();
    await page.getByRole('button', { name: 'Alle Vorgänge prüfen' }).click();
    await expect(page.getByTestId('verify-result').innerText()).resolves.toContain('Unverändert');
    await expectAccessible('Prüfung');
    await screenshot(page, 'audit-01-pruefung');

    await page.getByLabel('Art des Vorgangs').selectOption('motion');
    await page.getByRole('region', { name: 'Vorgänge' }).getByRole('link').first().click();
    await page.getByTestId('history').waitFor();
    await expect(page.getByTestId('diagram-current').innerText()).resolves.not.toBe('–');
    await page.getByLabel('Stand am (Tagesende)').fill('2020-08-19');
    await page.getByTestId('state-as-of').getByText('Tagesende 19.08.2020').waitFor();
    const slider = page.getByRole('slider');
    await slider.focus();
    await page.keyboard.press('Home');
    await page.getByTestId('state-as-of').getByText(/nach Ereignis 1\b/).waitFor();
    await page.getByRole('button', { name: 'Diesen Vorgang prüfen' }).click();
    await expect(page.getByTestId('verify-result').innerText()).resolves.toContain('Unverändert');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Beweispaket herunterladen' }).click();
    expect((await download).suggestedFilename()).toMatch(/^beweispaket-.*\.json$/);

    // the auditor issues the audit report (only that) and downloads it
    const documents = page.getByRole('region', { name: 'Dokumente' });
    const issue = documents.getByRole('form', { name: 'Dokument ausstellen' });
    await expect(issue.getByLabel('Art').locator('option').allInnerTexts()).resolves.toEqual(['Prüfbericht']);
    await issue.getByRole('button', { name: 'Prüfbericht ausstellen' }).click();
    const row = documents.getByRole('row').filter({ hasText: 'Prüfbericht, nichtöffentlicher Teil' });
    await row.waitFor();
    const report = page.waitForEvent('download');
    await row.getByRole('button', { name: /herunterladen$/ }).click();
    const bytes = readFileSync(await (await report).path());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await expect(row.locator('summary').innerText()).resolves.toBe(`${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}…`);
    await page.getByTestId('linked').waitFor();
    await expectAccessible('Prüfung eines Vorgangs');
    await screenshot(page, 'audit-02-vorgang');
  });
});
