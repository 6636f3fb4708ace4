#!/usr/bin/env node
// Usage: node render.js in.bpmn out.png
// Renders a BPMN 2.0 diagram to PNG with bpmn-js NavigatedViewer in the system chromium.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const MARGIN = 40;
const MAX_WIDTH = 3200;
const MAX_HEIGHT = 6000;

async function main() {
  const [inFile, outFile] = process.argv.slice(2);
  if (!inFile || !outFile) {
    console.error('usage: node render.js in.bpmn out.png');
    process.exit(2);
  }
  const xml = fs.readFileSync(inFile, 'utf8');

  const dist = path.join(path.dirname(require.resolve('bpmn-js/package.json')), 'dist');
  const read = (p) => fs.readFileSync(path.join(dist, p), 'utf8');
  const css = [
    read('assets/diagram-js.css'),
    read('assets/bpmn-js.css'),
    // embedded variant: font is inlined as data URI, so no file/network fetch needed
    read('assets/bpmn-font/css/bpmn-embedded.css'),
  ].join('\n');
  const script = read('bpmn-navigated-viewer.production.min.js');

  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpmn-render-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport: { width: 1600, height: 1200 },
    deviceScaleFactor: 1,
  });

  let exitCode = 0;
  try {
    // block any network access: everything is inlined
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (u.startsWith('data:') || u === 'about:blank') return route.continue();
      console.error('blocked request: ' + u);
      return route.abort();
    });

    const page = context.pages()[0] || await context.newPage();
    page.on('pageerror', (e) => console.error('page error: ' + e.message));

    await page.setContent(
      '<!doctype html><html><head><meta charset="utf-8"><style>' +
      'html,body{margin:0;padding:0;background:#fff;overflow:hidden}' +
      '#canvas{position:absolute;left:0;top:0;width:100vw;height:100vh}' +
      '.bjs-powered-by{display:none !important}' +
      '</style></head><body><div id="canvas"></div></body></html>'
    );
    await page.addStyleTag({ content: css });
    await page.addScriptTag({ content: script });

    const result = await page.evaluate(async (xml) => {
      const viewer = new window.BpmnJS({ container: '#canvas' });
      window.viewer = viewer;
      try {
        const { warnings } = await viewer.importXML(xml);
        const canvas = viewer.get('canvas');
        canvas.zoom(1);
        const layer = canvas.getActiveLayer();
        const bb = layer.getBBox();
        return {
          ok: true,
          warnings: (warnings || []).map((w) => String(w.message || w) +
            (w.element && w.element.id ? ' [element ' + w.element.id + ']' : '')),
          bbox: { x: bb.x, y: bb.y, width: bb.width, height: bb.height },
        };
      } catch (err) {
        return {
          ok: false,
          error: String(err && err.message || err),
          warnings: (err && err.warnings || []).map((w) => String(w.message || w)),
        };
      }
    }, xml);

    for (const w of result.warnings || []) console.log('WARNING: ' + w);
    if (!result.ok) {
      console.error('IMPORT ERROR: ' + result.error);
      exitCode = 1;
      return;
    }
    console.log(`import ok, ${result.warnings.length} warning(s); bbox ` +
      `${Math.round(result.bbox.width)}x${Math.round(result.bbox.height)}`);

    const width = Math.min(MAX_WIDTH, Math.ceil(result.bbox.width) + 2 * MARGIN);
    const scale = Math.min(1, (width - 2 * MARGIN) / result.bbox.width);
    const height = Math.min(MAX_HEIGHT, Math.ceil(result.bbox.height * scale) + 2 * MARGIN);
    await page.setViewportSize({ width, height });

    await page.evaluate(() => {
      const canvas = window.viewer.get('canvas');
      canvas.resized();
      canvas.zoom('fit-viewport', 'auto');
    });
    // let layout / fonts settle
    await page.evaluate(() => document.fonts.ready);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.waitForTimeout(200);

    fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
    await page.screenshot({ path: outFile, fullPage: false });
    console.log(`wrote ${outFile} (${width}x${height})`);
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
    process.exitCode = exitCode;
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
