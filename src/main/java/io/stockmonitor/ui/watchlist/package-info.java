/**
 * The watchlist: the symbols being watched, drawn on a canvas ({@link io.stockmonitor.ui.watchlist.WatchlistGrid})
 * from rows its view model refreshes once per frame from the market model; named lists, optional columns that
 * give way in a stated order when the window is narrow, sorting, density. Its selection is what linked charts
 * follow: other features see only {@link io.stockmonitor.ui.watchlist.WatchlistViewModel#selectedSymbolProperty()}.
 */
package io.stockmonitor.ui.watchlist;
