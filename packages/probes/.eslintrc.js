module.exports = require('../../eslint.config.shared.js')(__dirname);
