// Video lessons in the browser, end to end: an instructor creates a course with a video lesson,
// uploads a clip made here with ffmpeg through the editor's file chooser (tus), watches the upload
// reach 100% and the transcoding finish, adds English captions in the media library and publishes;
// a learner enrols, plays the lesson (Chromium's own HLS), seeks with the keyboard, changes the
// speed, turns the captions on, sees thumbnails over the seek bar, fixes a quality (hls.js takes
// over), leaves (heartbeats) and comes back to a player that resumes where they stopped, with more
// of the video watched; a lesson opened by its address starts its video while the page loads, and
// a refused (expired) media link is renewed or reported, with either engine. People and their
// sessions are made in the database.
//
// The tests run in order: the learner watches the lesson the instructor built. Every wait is on a
// condition (page.waitForFunction, locators, `poll`), never a sleep.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { personWithSession } from './support/accounts.mjs';
import { withPage } from './support/browser.mjs';
import { serverHarness } from './support/harness.mjs';
import { assertExists, poll } from './support/server.mjs';

const run = promisify(execFile);
const FFMPEG = process.env.FFMPEG_PATH ?? '/usr/bin/ffmpeg';

const COURSE = 'Camera Basics';
const LESSON = 'Framing a shot';
const CLIP = 'framing.mp4';
const CLIP_SECONDS = 6;
// 480p: the ladder has two renditions (480p, 360p) to choose between.
const CLIP_SIZE = '854x480';
const RENDITION_HEIGHTS = [480, 360];

/**
 * Makes the page play through `engine`: Chromium's own HLS as it is, or hls.js as in a browser
 * without its own HLS (Firefox), by having the page report HLS unplayable.
 */
async function useEngine(page, engine) {
  if (engine !== 'hls.js') return;
  await page.addInitScript(() => {
    const canPlayType = HTMLMediaElement.prototype.canPlayType;
    HTMLMediaElement.prototype.canPlayType = function (type) {
      return /mpegurl/i.test(type) ? '' : canPlayType.call(this, type);
    };
  });
}
/** Transcoding a 6 s clip takes seconds; a busy machine gets much longer. */
const TRANSCODE_TIMEOUT_MS = 120_000;
const UPLOAD_TIMEOUT_MS = 60_000;

// Cues over the whole clip, so one is active wherever playback is.
const CAPTIONS = `WEBVTT

00:00:00.000 --> 00:00:02.500
First caption

00:00:02.500 --> 00:00:06.000
Second caption
`;

/**
 * Waits for `done` to show, failing at once with the message when an alert shows in `scope`
 * instead (a refused upload, a failed transcoding) rather than at the timeout.
 */
async function settles(done, scope, timeout) {
  const alert = scope.getByRole('alert');
  await done.or(alert).first().waitFor({ timeout });
  if (!(await done.isVisible())) assert.fail(`the page says: ${await alert.first().textContent()}`);
}

describe('media: uploads, the library and the video player', () => {
  let instructor, learner;
  let dir = '';
  let clip = '';
  let vtt = '';
  let courseId = '';
  let lessonId = '';

  before(async () => {
    await assertExists(FFMPEG, 'install ffmpeg, or set FFMPEG_PATH');
    dir = await mkdtemp(join(tmpdir(), 'skillnexus-media-e2e-'));
    clip = join(dir, CLIP);
    vtt = join(dir, 'english.vtt');
    await run(
      FFMPEG,
      [
        '-hide_banner', '-loglevel', 'error', '-y',
        '-f', 'lavfi', '-i', `testsrc2=size=${CLIP_SIZE}:rate=25:duration=${CLIP_SECONDS}`,
        '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=44100:duration=${CLIP_SECONDS}`,
        '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p',
        '-c:a', 'aac', '-shortest', '-movflags', '+faststart',
        clip,
      ],
      { timeout: 60_000 },
    );
    await writeFile(vtt, CAPTIONS);
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const h = serverHarness({
    setUp: async ({ server }) => {
      instructor = await personWithSession(server, 'vera.video@example.com', 'instructor', 'Vera Video');
      learner = await personWithSession(server, 'lou.learner@example.com', 'learner', 'Lou Learner');
    },
  });
  const asInstructor = async (method, path, body) => {
    const res = await h.server.request(method, path, { cookie: instructor.cookie, body });
    assert.ok(res.status < 300, `${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const learnerLesson = async () => {
    const res = await h.server.request('GET', `/api/v1/learn/lessons/${lessonId}`, { cookie: learner.cookie });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  };

  test('an instructor uploads a video lesson, adds captions in the library and publishes', () =>
    h.run(async ({ server, browser }) => {
      await withPage(browser, server, { cookie: instructor.cookie }, async ({ page, goto }) => {
        await goto('/instructor/courses');
        const create = page.getByRole('form', { name: 'Create a course' });
        await create.getByLabel('Title').fill(COURSE);
        await create.getByRole('button', { name: 'Create course' }).click();
        await page.getByRole('heading', { name: `Course: ${COURSE}` }).waitFor();
        courseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');

        const details = page.getByRole('form', { name: 'Course details' });
        await details.getByLabel('Summary').fill('Take better pictures.');
        await details.getByLabel('Description (Markdown)').fill('Light, framing and **focus**.');
        await details.getByRole('button', { name: 'Save details' }).click();
        await poll(async () => (await asInstructor('GET', `/api/v1/courses/${courseId}`)).summary !== '', {
          what: 'the details saved',
        });

        const addSection = page.getByRole('form', { name: 'Add a section' });
        await addSection.getByLabel('New section title').fill('Shooting');
        await addSection.getByRole('button', { name: 'Add section' }).click();
        const addLesson = page.getByRole('form', { name: 'Add a lesson to Shooting' });
        await addLesson.getByLabel('New lesson title').fill(LESSON);
        await addLesson.getByLabel('Kind').selectOption({ label: 'Video' });
        await addLesson.getByRole('button', { name: 'Add lesson' }).click();
        await page.getByRole('button', { name: `${LESSON} (video)` }).click();

        // The upload, through the file chooser the button opens.
        const video = page.getByRole('group', { name: `Video of ${LESSON}` });
        const chooser = page.waitForEvent('filechooser');
        await video.getByRole('button', { name: 'Upload video' }).click();
        await (await chooser).setFiles(clip);
        await settles(video.getByTestId('upload-progress').filter({ hasText: '(100%) — uploaded' }), video, UPLOAD_TIMEOUT_MS);
        assert.ok(
          await video.getByTestId('upload-bar').evaluate((bar) => bar.value === bar.max && bar.max > 0),
          'the progress bar is full',
        );
        // The lesson now names the video; the editor follows its transcoding until it is ready.
        const mediaId = await poll(
          async () => (await asInstructor('GET', `/api/v1/courses/${courseId}`)).sections[0].lessons[0].media_id,
          { what: 'the lesson to get the uploaded video', timeoutMs: 30_000 },
        );
        lessonId = (await asInstructor('GET', `/api/v1/courses/${courseId}`)).sections[0].lessons[0].id;
        await settles(video.getByTestId('media-status').filter({ hasText: 'Ready' }), video, TRANSCODE_TIMEOUT_MS);
        const item = await asInstructor('GET', `/api/v1/media/${mediaId}`);
        assert.equal(item.status, 'ready');
        assert.ok(Math.abs(item.duration_ms - CLIP_SECONDS * 1000) < 500, `duration ${item.duration_ms} ms`);

        // Captions, in the library.
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Media', exact: true }).click();
        await page.getByTestId('media-table').getByRole('button', { name: CLIP, exact: true }).click();
        const form = page.getByRole('form', { name: 'Add captions' });
        await form.getByLabel('Language').fill('en');
        await form.getByLabel('Label').fill('English');
        await form.getByLabel('WebVTT file').setInputFiles(vtt);
        await form.getByRole('button', { name: 'Add captions' }).click();
        await page.getByTestId('captions-list').getByText('English (en)').waitFor();
        assert.deepEqual(
          (await asInstructor('GET', `/api/v1/media/${mediaId}`)).captions.map((c) => [c.language, c.label]),
          [['en', 'English']],
        );

        // The preview plays in the library too (its metadata loads).
        await page.getByRole('button', { name: 'Preview' }).click();
        await page.waitForFunction(() => (document.querySelector('[data-testid="player"] video')?.readyState ?? 0) >= 1);

        await goto(`/instructor/courses/${courseId}`);
        await page.getByRole('button', { name: 'Publish' }).click();
        await page.getByTestId('course-status').filter({ hasText: 'published' }).waitFor();
      });
      assert.equal((await asInstructor('GET', `/api/v1/courses/${courseId}`)).status, 'published');
    }));

  test('a learner plays the lesson, seeks, changes speed and captions, leaves and resumes', () =>
    h.run(async ({ server, browser }) => {
      assert.ok(courseId && lessonId, 'the previous test built the course');
      const course = await asInstructor('GET', `/api/v1/courses/${courseId}`);
      await withPage(browser, server, { cookie: learner.cookie }, async ({ page, goto }) => {
        await goto(`/courses/${course.slug}`);
        await page.getByRole('button', { name: 'Enrol' }).click();
        await page.getByRole('status').getByRole('link', { name: 'Start learning' }).click();
        await page.getByRole('link', { name: `Start: ${LESSON}` }).click();

        const player = page.getByRole('group', { name: `Video player: ${LESSON}` });
        await player.waitFor();
        await page.getByTestId('video-progress').filter({ hasText: '0%' }).waitFor();
        const before = await learnerLesson();
        assert.equal(before.watched_percent, 0);
        await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 1);

        // Muted, then play with K: the first frame renders and time moves on.
        await player.focus();
        await page.keyboard.press('m');
        await page.waitForFunction(() => document.querySelector('video')?.muted === true);
        await page.keyboard.press('k');
        await page.waitForFunction(() => {
          const v = document.querySelector('video');
          return v !== null && !v.paused && v.readyState >= 2 && v.currentTime > 0.3;
        });
        const t1 = await page.evaluate(() => document.querySelector('video')?.currentTime ?? 0);
        await page.waitForFunction((t) => (document.querySelector('video')?.currentTime ?? 0) > t + 0.2, t1);
        // Through the browser's own HLS (no media source object), at one of the renditions.
        const shown = await page.evaluate(() => {
          const v = document.querySelector('video');
          return {
            src: v?.src ?? '',
            height: v?.videoHeight ?? 0,
            hlsjs: performance.getEntriesByType('resource').some((e) => e.name.includes('/assets/hls.light-')),
            // The master playlist's subtitle renditions (default: English) as text tracks.
            tracks: [...(v?.textTracks ?? [])].map((t) => `${t.kind}:${t.language}:${t.mode}`),
          };
        });
        assert.match(shown.src, /\/master\.m3u8$/, 'Chromium plays the master playlist itself');
        assert.ok(!shown.hlsjs, 'hls.js is not downloaded where the browser plays HLS');
        assert.ok(RENDITION_HEIGHTS.includes(shown.height), `the picture is a rendition's: ${shown.height} lines`);
        assert.ok(!shown.tracks.some((t) => t.endsWith(':showing')), `captions are off until chosen: ${shown.tracks}`);

        // Pause, then 5 jumps to 50% of the video (3 s).
        await page.keyboard.press('k');
        await page.waitForFunction(() => document.querySelector('video')?.paused === true);
        await page.keyboard.press('5');
        await page.waitForFunction(() => {
          const v = document.querySelector('video');
          return v !== null && !v.seeking && Math.abs(v.currentTime - 3) < 0.25;
        });

        // Pointing at the middle of the seek bar shows that moment's thumbnail (a cell of a
        // sprite sheet under the signed prefix, which loads) and its time; leaving hides it.
        const seekBox = await player.getByLabel('Seek').boundingBox();
        assert.ok(seekBox, 'the seek bar is laid out');
        await page.mouse.move(seekBox.x + seekBox.width / 2, seekBox.y + seekBox.height / 2);
        const thumb = page.getByTestId('seek-thumbnail');
        await thumb.waitFor();
        const sprite = await thumb.evaluate((el) => getComputedStyle(el).backgroundImage);
        assert.match(sprite, /\/thumbs_001\.jpg"\)$/);
        const spriteWidth = await page.evaluate(async (css) => {
          const image = new Image();
          image.src = css.slice('url("'.length, -'")'.length);
          await image.decode();
          return image.naturalWidth;
        }, sprite);
        assert.ok(spriteWidth > 0, 'the sprite sheet loads');
        assert.match(await page.getByTestId('seek-preview').innerText(), /0:03/);
        await page.mouse.move(seekBox.x, seekBox.y - 200);
        await page.getByTestId('seek-preview').waitFor({ state: 'detached' });

        // Speed 1.5 from the menu.
        await player.getByLabel('Speed').selectOption('1.5');
        await page.waitForFunction(() => document.querySelector('video')?.playbackRate === 1.5);

        // Captions on: the English track shows and its cue at this time is active while playing.
        await player.getByLabel('Captions').selectOption({ label: 'English' });
        await page.waitForFunction(() => {
          const tracks = [...(document.querySelector('video')?.textTracks ?? [])];
          return tracks.some((t) => t.mode === 'showing' && t.language === 'en' && (t.cues?.length ?? 0) === 2);
        });
        assert.equal(
          await page.evaluate(() => [...(document.querySelector('video')?.textTracks ?? [])].filter((t) => t.mode === 'showing').length),
          1,
          'one set of captions shows',
        );
        await player.focus();
        await page.keyboard.press('k');
        await page.waitForFunction(() => {
          const v = document.querySelector('video');
          if (!v || v.paused || v.currentTime < 3.8) return false;
          const showing = [...v.textTracks].find((t) => t.mode === 'showing');
          const cue = showing?.activeCues?.[0];
          return cue !== undefined && 'text' in cue && cue.text === 'Second caption';
        });
        await page.keyboard.press('k');
        await page.waitForFunction(() => document.querySelector('video')?.paused === true);
        const stoppedAt = await page.evaluate(() => document.querySelector('video')?.currentTime ?? 0);
        assert.ok(stoppedAt > 3.8 && stoppedAt < CLIP_SECONDS, `paused at ${stoppedAt} s`);

        // The pause's heartbeat stored the position and the spans played (0–0.5 s and 3–3.8 s at least).
        const stored = await poll(
          async () => {
            const lesson = await learnerLesson();
            return Math.abs(lesson.position_ms - stoppedAt * 1000) < 500 && lesson.watched_percent > 0 ? lesson : null;
          },
          { what: 'the heartbeat to store the position', timeoutMs: 15_000 },
        );
        assert.ok(stored.watched_percent < 100, `watched ${stored.watched_percent}%: seeked-over time was not counted`);

        // A fixed quality: the browser's HLS cannot be told a rendition, so hls.js takes over
        // where playback is (paused), and only that rendition's segments load from then on.
        const quality = player.getByLabel('Quality');
        assert.deepEqual(await quality.locator('option').evaluateAll((options) => options.map((o) => o.value)), [
          '-1',
          ...RENDITION_HEIGHTS.map(String),
        ]);
        const segments = [];
        page.on('request', (req) => {
          if (req.url().includes('.m4s')) segments.push(new URL(req.url()).pathname);
        });
        await quality.selectOption('360');
        await page.waitForFunction(() => {
          const v = document.querySelector('video');
          return v !== null && v.src.startsWith('blob:') && v.readyState >= 2 && v.videoHeight === 360 && !v.seeking;
        });
        const switched = await page.evaluate(() => {
          const v = document.querySelector('video');
          return { at: v?.currentTime ?? 0, paused: v?.paused, rate: v?.playbackRate };
        });
        assert.ok(Math.abs(switched.at - stoppedAt) < 0.5, `carries on at ${switched.at} s, paused at ${stoppedAt} s`);
        assert.deepEqual([switched.paused, switched.rate], [true, 1.5], 'still paused, at the chosen speed');
        assert.ok(segments.length > 0 && segments.every((path) => path.includes('/360p/')), `segments: ${segments.join(' ')}`);
        assert.match(await player.getByRole('status').innerText(), /Quality 360p/);
        // Automatic again: hls.js stays, choosing for itself.
        await quality.selectOption('-1');
        await player.getByRole('status').filter({ hasText: 'Quality automatic' }).waitFor();
        assert.ok(await page.evaluate(() => document.querySelector('video')?.src.startsWith('blob:')));

        // Play again from 20% (1.2 s, far from the end) and leave while it plays: the lesson's
        // last heartbeat goes out as it closes, with the span played and the position.
        const beats = [];
        page.on('request', (req) => {
          if (req.method() === 'POST' && req.url().endsWith(`/api/v1/learn/lessons/${lessonId}/heartbeat`)) beats.push(req.postDataJSON());
        });
        await player.focus();
        await page.keyboard.press('2');
        await page.waitForFunction(() => {
          const v = document.querySelector('video');
          return v !== null && !v.seeking && Math.abs(v.currentTime - 1.2) < 0.25;
        });
        await page.keyboard.press('k');
        await page.waitForFunction(() => {
          const v = document.querySelector('video');
          return v !== null && !v.paused && v.currentTime > 1.6;
        });
        const seen = beats.length;
        await page.getByRole('link', { name: COURSE }).first().click();
        await page.getByRole('heading', { name: COURSE, exact: true }).waitFor();
        const leaving = await poll(() => beats.slice(seen).find((b) => b.played.to_ms > 1600), {
          what: 'a heartbeat with the span played before leaving',
        });
        assert.ok(leaving.played.from_ms >= 1000, `the span starts after the seek: ${JSON.stringify(leaving.played)}`);
        const after = await poll(
          async () => {
            const lesson = await learnerLesson();
            return Math.abs(lesson.position_ms - leaving.position_ms) < 500 ? lesson : null;
          },
          { what: 'the last heartbeat to store the position' },
        );
        assert.ok(after.watched_percent > before.watched_percent, `watched ${after.watched_percent}% after ${before.watched_percent}%`);
        assert.ok(after.watched_percent >= stored.watched_percent);

        // Back from the course page: it offers to resume the lesson.
        await page.getByRole('link', { name: new RegExp(`^Resume: ${LESSON}`) }).click();
        await player.waitFor();
        // The player offers the resume point and starts there.
        // Where it stopped depends on how fast the page left (a loaded machine plays on longer).
        const resumeSeconds = Math.floor(after.position_ms / 1000);
        const resumeText = `Resuming at ${Math.floor(resumeSeconds / 60)}:${String(resumeSeconds % 60).padStart(2, '0')}`;
        await page.getByTestId('player-resume').filter({ hasText: resumeText }).waitFor();
        await page.waitForFunction(
          (ms) => {
            const v = document.querySelector('video');
            return v !== null && v.readyState >= 1 && !v.seeking && Math.abs(v.currentTime * 1000 - ms) < 1500;
          },
          after.position_ms,
        );
        await page.getByTestId('video-progress').filter({ hasText: `${after.watched_percent}%` }).waitFor();
      });
    }));

  test('a lesson opened by its address starts its video while the page loads; the player adopts it', () =>
    h.run(async ({ server, browser }) => {
      assert.ok(lessonId, 'the previous tests built the course');
      const stored = await learnerLesson();
      assert.ok(stored.position_ms > 0, 'the previous test stored a resume point');
      // Each engine: Chromium's own HLS, and hls.js as in a browser without it (Firefox), where
      // HLS is reported unplayable. Each order of the race, made certain by holding one file
      // back: the page's code (the video starts before the page renders), then what the early
      // start waits for (the page renders first, and the early start stands down).
      const cases = [
        { engine: 'native', held: '/assets/app-' },
        { engine: 'native', held: '/assets/early_start-' },
        { engine: 'hls.js', held: '/assets/app-' },
        { engine: 'hls.js', held: '/assets/hls.light-' },
      ];
      for (const { engine, held } of cases) {
        await withPage(browser, server, { cookie: learner.cookie }, async ({ page, goto }) => {
          let heldRequests = 0;
          await page.route(
            (url) => url.pathname.startsWith(held),
            async (route) => {
              heldRequests += 1;
              await new Promise((resolve) => setTimeout(resolve, 700));
              await route.continue();
            },
          );
          await useEngine(page, engine);
          await page.addInitScript(() => {
            new MutationObserver(() => {
              const video = document.querySelector('video');
              if (window.videoShownAt || !video) return;
              window.videoShownAt = performance.now();
              // A source attached before the page showed the element: the early start's.
              window.videoSourceWhenShown = video.src;
            }).observe(document, { childList: true, subtree: true });
          });
          await goto(`/learn/lessons/${lessonId}`);
          await page.waitForFunction(
            (ms) => {
              const v = document.querySelector('video');
              return v !== null && v.readyState >= 2 && !v.seeking && Math.abs(v.currentTime * 1000 - ms) < 1500;
            },
            stored.position_ms,
          );
          const timing = await page.evaluate(() => ({
            masters: performance
              .getEntriesByType('resource')
              .filter((entry) => new URL(entry.name).pathname.endsWith('/master.m3u8'))
              .map((entry) => entry.startTime),
            hlsjs: performance.getEntriesByType('resource').some((entry) => entry.name.includes('/assets/hls.light-')),
            src: document.querySelector('video')?.src,
            videoShownAt: window.videoShownAt,
            videoSourceWhenShown: window.videoSourceWhenShown,
          }));
          const what = `${engine}, ${held} held: ${JSON.stringify(timing)}`;
          assert.equal(heldRequests, 1, `the held file was asked for: ${what}`);
          assert.equal(timing.hlsjs, engine === 'hls.js', `hls.js is loaded only where it plays: ${what}`);
          assert.match(timing.src, engine === 'hls.js' ? /^blob:/ : /\/master\.m3u8$/, what);
          // One element loaded the video: the player took the early one, or the early start
          // stood down for the player that asked first.
          assert.equal(timing.masters.length, 1, `master playlist requests: ${what}`);
          if (held === '/assets/app-') {
            assert.ok(timing.masters[0] < timing.videoShownAt, `the video loads before the page shows: ${what}`);
            assert.equal(timing.videoSourceWhenShown, timing.src, `the player shows the element the video started in: ${what}`);
          } else {
            // The player asked first: it showed an element of its own, its source attached after.
            assert.equal(timing.videoSourceWhenShown, '', `the early start stood down: ${what}`);
          }
          // And it plays on from there.
          await page.evaluate(() => {
            const v = document.querySelector('video');
            v.muted = true;
            return v.play();
          });
          await page.waitForFunction((ms) => (document.querySelector('video')?.currentTime ?? 0) * 1000 > ms + 300, stored.position_ms);
        });
      }
    }));

  test('a quality fixed before the video has loaded still starts at the resume point', () =>
    h.run(async ({ server, browser }) => {
      assert.ok(lessonId, 'the previous tests built the course');
      const stored = await learnerLesson();
      assert.ok(stored.position_ms > 1000, 'the previous tests stored a resume point');
      await withPage(browser, server, { cookie: learner.cookie }, async ({ page, goto }) => {
        // The master playlist waits until hls.js has taken over: no metadata (and no position)
        // before the quality is fixed.
        let release = () => {};
        const held = new Promise((resolve) => {
          release = resolve;
        });
        const isMaster = (url) => url.pathname.endsWith('/master.m3u8');
        await page.route(isMaster, async (route) => {
          await held;
          await route.continue().catch(() => {}); // the browser's own request is cancelled by then
        });
        await goto(`/learn/lessons/${lessonId}`);
        const player = page.getByRole('group', { name: `Video player: ${LESSON}` });
        await player.getByLabel('Quality').selectOption('360');
        await page.waitForFunction(() => document.querySelector('video')?.src.startsWith('blob:'));
        release();
        await page.waitForFunction(
          (ms) => {
            const v = document.querySelector('video');
            return v !== null && v.readyState >= 2 && !v.seeking && v.videoHeight === 360 && Math.abs(v.currentTime * 1000 - ms) < 1500;
          },
          stored.position_ms,
        );
        await player.getByTestId('player-resume').waitFor();
      });
    }));

  test('a refused media link: the player asks for fresh links, says when they do not help, and plays after Try again', () =>
    h.run(async ({ server, browser }) => {
      assert.ok(lessonId, 'the previous tests built the course');
      // Each engine, as above. The segments are refused as an expired link is (403), from the
      // first one: the player asks for the lesson again, gets the same links (they expire on
      // the hour), and says the video could not be loaded; once the links work, Try again plays.
      for (const engine of ['native', 'hls.js']) {
        const expected = [/^403 \/media\/v\/.*\.m4s$/];
        await withPage(browser, server, { cookie: learner.cookie, expected }, async ({ page, goto }) => {
          await useEngine(page, engine);
          const refuse = (route) =>
            route.fulfill({ status: 403, contentType: 'application/problem+json', body: '{"code":"media_link_invalid"}' });
          const isSegment = (url) => url.pathname.startsWith('/media/v/') && url.pathname.endsWith('.m4s');
          await page.route(isSegment, refuse);
          const lessonReads = [];
          page.on('request', (req) => {
            if (req.method() === 'GET' && new URL(req.url()).pathname === `/api/v1/learn/lessons/${lessonId}`) lessonReads.push(req.url());
          });
          await goto(`/learn/lessons/${lessonId}`);
          const alert = page.getByRole('group', { name: `Video player: ${LESSON}` }).getByRole('alert');
          await alert.filter({ hasText: 'The video could not be loaded. Reload the page to try again.' }).waitFor();
          assert.ok(lessonReads.length >= 2, `${engine}: the player asked for fresh links: ${lessonReads.length} reads of the lesson`);

          await page.unroute(isSegment, refuse);
          await alert.getByRole('button', { name: 'Try again' }).click();
          await alert.waitFor({ state: 'detached' });
          // The video loads afresh (no segment had loaded before, so this is the new load's).
          await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2);
          await page.evaluate(() => {
            const v = document.querySelector('video');
            v.muted = true;
            return v.play();
          });
          await page.waitForFunction(() => {
            const v = document.querySelector('video');
            return v !== null && v.readyState >= 2 && !v.paused && v.currentTime > 0.5;
          });
        });
      }
    }));
});
