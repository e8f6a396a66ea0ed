#' CLOSURE: `what` is "count", "exists", "summary", "write" or "samples".
#' @noRd
closure_run <- function(case, what, stop_after, max_memory_mb, path, progress) .Call(wrap__closure_run, case, what, stop_after, max_memory_mb, path, progress)

#' CLOSURE's samples in batches of at most `batch_size`, made on another
#' thread; `receive` gets each batch as its frequency vectors, row after
#' row, and the scale values, on R's thread, which checks for interrupts
#' while it waits.
#' @noRd
closure_batches_run <- function(case, batch_size, receive) .Call(wrap__closure_batches_run, case, batch_size, receive)

#' SPRITE: `exact` and `minimum` are named count vectors (names: the scale
#' values); `settings` a named list of the numbers of `SpriteArgs`.
#' @noRd
sprite_run <- function(case, exact, minimum, range, settings, method, replace, progress) .Call(wrap__sprite_run, case, exact, minimum, range, settings, method, replace, progress)

#' The table's columns in; a list of `variables`, `trials` and
#' `uniformity`, each a list of columns.
#' @noRd
carlisle_run <- function(trial, variable, group, level, n, mean, sd, count, rounding, threshold, symmetric, seed) .Call(wrap__carlisle_run, trial, variable, group, level, n, mean, sd, count, rounding, threshold, symmetric, seed)

#' Values repeated across a table's columns; a list of `value`,
#' `frequency` and `locations` (1-based column indexes, a list).
#' @noRd
duplicate_count_values <- function(data, ignore) .Call(wrap__duplicate_count_values, data, ignore)

#' The GRIM plot's background, n by n; a list of `values`.
#' @noRd
grim_raster_values <- function(digits, n_max, items, rounding, threshold, symmetric, compat) .Call(wrap__grim_raster_values, digits, n_max, items, rounding, threshold, symmetric, compat)

#' Whether a column follows a pattern; a list of `value` (NA where gaps
#' leave it open).
#' @noRd
is_seq_value <- function(x, pattern, from, test_linear) .Call(wrap__is_seq_value, x, pattern, from, test_linear)

#' Per cell, how often its value occurs; a list of columns (NA where
#' missing).
#' @noRd
duplicate_tally_values <- function(data, ignore) .Call(wrap__duplicate_tally_values, data, ignore)

#' Per pair of columns; a list of `x`, `y` (1-based), `count`, `total_x`,
#' `total_y`.
#' @noRd
duplicate_colpair_values <- function(data, ignore) .Call(wrap__duplicate_colpair_values, data, ignore)

#' The text before and inside a pair of separators; a list of `before`
#' and `inside` (NA where there is none). With `whole`, every present cell
#' must have the pair.
#' @noRd
parens_cells <- function(cells, sep, whole) .Call(wrap__parens_cells, cells, sep, whole)

#' GRIM on columns; a list of `consistency` and `probability`.
#' @noRd
grim_columns <- function(x, n, items, percent, rounding, threshold, symmetric, compat) .Call(wrap__grim_columns, x, n, items, percent, rounding, threshold, symmetric, compat)

#' GRIM's statistics on columns; a list of `total`, `ratio`, `probability`.
#' @noRd
grim_stats_columns <- function(x, n, items, percent) .Call(wrap__grim_stats_columns, x, n, items, percent)

#' Decimals of each report as written; a list of `places` (`NA` where
#' missing). Numbers are read as their shortest decimals.
#' @noRd
decimal_places_column <- function(x) .Call(wrap__decimal_places_column, x)

#' `1 / (n · other)` per row (`grim_granularity`, `grim_items`); a list of
#' `values`.
#' @noRd
per_granule_columns <- function(n, other, items) .Call(wrap__per_granule_columns, n, other, items)

#' scrutiny's `sd_binary_*` on columns; `what` is `groups`, `group_of_n`
#' or `mean_of_n`. A list of `sd`.
#' @noRd
sd_binary_columns <- function(what, first, second) .Call(wrap__sd_binary_columns, what, first, second)

#' GRIMMER on columns; a list of `consistency` and `reason`. The scale ends
#' are empty vectors when not given.
#' @noRd
grimmer_columns <- function(x, sd, n, items, scale_min, scale_max, rounding, threshold, symmetric, compat) .Call(wrap__grimmer_columns, x, sd, n, items, scale_min, scale_max, rounding, threshold, symmetric, compat)

#' DEBIT on columns; a list of `consistency` (NA where scrutiny gives NA)
#' and the intervals `x` and `sd`.
#' @noRd
debit_columns <- function(x, sd, n, rounding, threshold, symmetric, compat) .Call(wrap__debit_columns, x, sd, n, rounding, threshold, symmetric, compat)

#' The intervals reported values were rounded from.
#' @noRd
intervals <- function(x, rounding, threshold, symmetric, compat) .Call(wrap__intervals, x, rounding, threshold, symmetric, compat)

#' SD bounds on columns; a list of `sd_min`, `sd_max`, `consistency` (NA
#' without an SD). `sd` may be `NULL`.
#' @noRd
sd_bounds_columns <- function(x, sd, n, items, scale_min, scale_max, rounding, threshold, symmetric) .Call(wrap__sd_bounds_columns, x, sd, n, items, scale_min, scale_max, rounding, threshold, symmetric)

#' The audit of a GRIM-tested table.
#' @noRd
grim_audit <- function(consistency, probability) .Call(wrap__grim_audit, consistency, probability)

#' The audit of a GRIMMER-tested table.
#' @noRd
grimmer_audit <- function(reason) .Call(wrap__grimmer_audit, reason)

#' The audit of a DEBIT-tested table.
#' @noRd
debit_audit <- function(consistency) .Call(wrap__debit_audit, consistency)

#' The kind of table `audit()` was given, and the columns (1-based) a
#' duplicate table's audit summarises.
#' @noRd
audit_kind <- function(names) .Call(wrap__audit_kind, names)

#' A duplicate table's audit, one element per summarised column; NA cells
#' arrive as NaN.
#' @noRd
duplicate_audit <- function(names, summarised, columns) .Call(wrap__duplicate_audit, names, summarised, columns)

#' `matrix_power` of a double or integer array with R dims `dims`; a list
#' with `value` (the same type) or `error`.
#' @noRd
matrix_power_array <- function(a, dims, n, overflow, nan, parallel) .Call(wrap__matrix_power_array, a, dims, n, overflow, nan, parallel)

#' Cubic roots over recycled numeric vectors; a list with the roots (three
#' per equation, in order) and the counts.
#' @noRd
cubic_roots_vectors <- function(a, b, c, d) .Call(wrap__cubic_roots_vectors, a, b, c, d)

#' Each value rounded; a list of `values` (two per value for a pair).
#' @noRd
reround_values <- function(x, digits, rounding, threshold, symmetric, compat) .Call(wrap__reround_values, x, digits, rounding, threshold, symmetric, compat)

#' The intervals reports were rounded from; a list of `range`, `lower`,
#' `upper`, `incl_lower`, `incl_upper` (NA where a report is missing).
#' @noRd
unround_values <- function(x, rounding, threshold, compat) .Call(wrap__unround_values, x, rounding, threshold, compat)

#' Values written with their trailing zeros; a list of `values`.
#' @noRd
restore_zeros_values <- function(x, width, sep_in, sep_out) .Call(wrap__restore_zeros_values, x, width, sep_in, sep_out)

#' Each value rounded to a fraction; a list of `values`.
#' @noRd
reround_to_fraction_values <- function(x, denominator, digits, rounding, threshold, symmetric, compat) .Call(wrap__reround_to_fraction_values, x, denominator, digits, rounding, threshold, symmetric, compat)

#' Rounding's bias; a list of `values` and `mean`.
#' @noRd
rounding_bias_values <- function(x, digits, rounding, threshold, symmetric, compat) .Call(wrap__rounding_bias_values, x, digits, rounding, threshold, symmetric, compat)

#' Scans files and folders (recursively, in parallel); a file that cannot
#' be read is a row with its error.
#' @noRd
scan_paths <- function(paths, settings) .Call(wrap__scan_paths, paths, settings)

#' Scans one document's text or bytes.
#' @noRd
scan_raw <- function(data, settings) .Call(wrap__scan_raw, data, settings)

#' The scan of files and folders as one self-contained HTML page.
#' @noRd
scan_html <- function(paths, title, settings) .Call(wrap__scan_html, paths, title, settings)

#' The variants of a table; a list of `columns`, `case`, `var` (both
#' 1-based) and `diff`.
#' @noRd
disperse_values <- function(data, vary, steps, out_min, out_max, include_reported) .Call(wrap__disperse_values, data, vary, steps, out_min, out_max, include_reported)

#' Values moved back by their steps; a list of `values`.
#' @noRd
undisperse_values <- function(values, diff) .Call(wrap__undisperse_values, values, diff)

#' Per case of a tested `*_map_seq` table; a list of `case` (1-based),
#' `hits_total`, `hits` (a list per column) and `nearest` (per column, a
#' list of either, up, down).
#' @noRd
audit_seq_values <- function(case, var, diff, consistency, vars) .Call(wrap__audit_seq_values, case, var, diff, consistency, vars)

#' The splits of a total; a list of `n` and `n_change`, a row per group.
#' @noRd
disperse_total_values <- function(total, steps, n_min, n_max) .Call(wrap__disperse_total_values, total, steps, n_min, n_max)

#' Two-group scenarios; `groups` is a list of pairs of columns. A list of
#' `columns`, `n`, `n_change`, `case` (1-based) and `forth`.
#' @noRd
scenarios_values <- function(groups, total, steps, n_min, n_max) .Call(wrap__scenarios_values, groups, total, steps, n_min, n_max)

#' Per case of a tested `*_map_total_n` table; a list of `case`
#' (1-based), `hits_forth`, `hits_back` and `scenarios`.
#' @noRd
audit_total_n_values <- function(case, forth, consistency) .Call(wrap__audit_total_n_values, case, forth, consistency)

#' The p check over columns of text (the R side recycles and converts).
#' @noRd
p_check_columns <- function(test, value, df1, df2, p, settings) .Call(wrap__p_check_columns, test, value, df1, df2, p, settings)

#' The p check over APA strings, with the parts read.
#' @noRd
p_check_results <- function(results, settings) .Call(wrap__p_check_results, results, settings)

#' Every result in a text, checked, with its place: `start` and `end` as
#' `substr()` takes them (characters, from 1, end included).
#' @noRd
p_check_text <- function(text, settings) .Call(wrap__p_check_text, text, settings)

#' APA strings read into their parts (`NA` where absent).
#' @noRd
parse_result_cells <- function(texts_) .Call(wrap__parse_result_cells, texts_)

#' GRIM-U over recycled vectors.
#' @noRd
grim_u_cases <- function(u, n1, n2, p, ties, settings) .Call(wrap__grim_u_cases, u, n1, n2, p, ties, settings)

#' t-tests from summaries over recycled vectors; `m2` all `NA` for the
#' one-sample and paired forms.
#' @noRd
t_summary_cases <- function(m1, sd1, n1, m2, sd2, n2, test, mu, t, p, settings) .Call(wrap__t_summary_cases, m1, sd1, n1, m2, sd2, n2, test, mu, t, p, settings)

