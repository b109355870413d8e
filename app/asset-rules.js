// The rspack rules for a JupyterLab bundle's non-JavaScript assets (CSS, fonts, images, icons), as JupyterLab's
// own build configures them: one list for both bundles, the lab of `npm start` (rspack.config.js) and the
// in-browser edition (scripts/build-lite.js). css-loader and mini-svg-data-uri resolve from this workspace.
const miniSVGDataURI = require('mini-svg-data-uri');

/** The rules, given the caller's @rspack/core (its CSS extract plugin supplies the loader). */
module.exports = function assetRules(rspack) {
  return [
    {
      test: /\.css$/,
      exclude: /\.raw\.css$/,
      type: 'javascript/auto',
      use: [rspack.CssExtractRspackPlugin.loader, require.resolve('css-loader', { paths: [__dirname] })]
    },
    { test: /\.raw\.css$/, type: 'asset/source' },
    { test: /\.html$/, type: 'asset/resource' },
    { test: /\.md$/, type: 'asset/source' },
    { test: /\.(jpg|png|gif)$/, type: 'asset/resource' },
    { test: /\.js\.map$/, type: 'asset/resource' },
    { test: /\.(woff2?|ttf)(\?v=\d+\.\d+\.\d+)?$/, type: 'asset' },
    { test: /\.eot(\?v=\d+\.\d+\.\d+)?$/, type: 'asset/resource' },
    {
      // In CSS an svg becomes a data URI ...
      test: /\.svg(\?v=\d+\.\d+\.\d+)?$/,
      issuer: /\.css$/,
      type: 'asset/inline',
      generator: { dataUrl: { content: content => miniSVGDataURI(content.content), mimetype: 'image/svg+xml' } }
    },
    // ... while JavaScript (LabIcon) imports it as a raw string.
    { test: /\.svg(\?v=\d+\.\d+\.\d+)?$/, issuer: /\.js$/, type: 'asset/source' }
  ];
};
