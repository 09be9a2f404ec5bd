// The Lantern's share buttons: saved with the page; never read by Counterpoint
var ShareKit = { init: function (options) { this.label = options.label || "Share on Twitter"; } };
