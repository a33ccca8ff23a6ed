/** Stands in for a stylesheet imported by a component rendered in a unit test. */
module.exports = {};
