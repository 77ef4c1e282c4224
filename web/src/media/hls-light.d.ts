// hls.js's light build (no subtitle, alternate-audio or DRM code: captions come from <track>
// elements) ships without its own declaration file; it has the full build's API.
declare module 'hls.js/light' {
  import Hls from 'hls.js';
  export default Hls;
  export * from 'hls.js';
}
