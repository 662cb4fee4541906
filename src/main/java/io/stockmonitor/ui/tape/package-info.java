/**
 * Time and sales: the selected symbol's trades as they print (time to the millisecond, price, size, the tick's
 * direction against the previous trade and its side against the quote), large prints highlighted, small ones
 * filtered out on request, and the feed's gaps and refills marked inline where they began. Fed once per frame
 * from the market model's recent-tick ring ({@link io.stockmonitor.ui.tape.TapeViewModel}) and drawn on canvases
 * that slide rather than redraw ({@link io.stockmonitor.ui.tape.TapeCanvas}); the mouse over it pauses it.
 */
package io.stockmonitor.ui.tape;
