#' Serve the web page
#'
#' Starts ferrox's web page, where every check is point-and-click: papers
#' (PDF, HTML, DOCX, JATS XML, text) checked whole, tables, single results,
#' CLOSURE and SPRITE. Nothing is fetched from the internet and uploads are
#' never stored. It runs until you press Ctrl-C (Esc in RStudio).
#'
#' The server is the `ferrox` command-line program's: the R package does not
#' carry it, because CRAN limits a package's size, and the rest of the
#' package does not need it. `serve()` runs the program, found on the `PATH`
#' or named by `cli` (or `options(ferrox.cli = )`). Without it, the error
#' says how to get it: `pip install ferrox` then `python -m ferrox serve`,
#' or the command-line program built from ferrox's source.
#'
#' @param host Character. The address to listen on; `"0.0.0.0"` lets other
#'   computers in.
#' @param port Integer. The port; 0 picks a free one.
#' @param open Logical. Open the page in the default browser.
#' @param cli Character. The `ferrox` program, by name or path.
#'
#' @return `TRUE`, invisibly, when the server stopped normally.
#' @export
#'
#' @examples
#' # Without the ferrox program, serve() says how to get it:
#' tryCatch(serve(cli = "no-such-ferrox"), ferrox_error = conditionMessage)
serve <- function(host = "127.0.0.1", port = 8000L, open = FALSE,
                  cli = getOption("ferrox.cli", "ferrox")) {
  call <- sys.call()
  host <- setting(host, "host", "string", call)
  port <- setting(port, "port", "number", call)
  open <- setting(open, "open", "flag", call)
  program <- Sys.which(setting(cli, "cli", "string", call))
  if (!nzchar(program)) {
    ferrox_abort(paste0(
      "the web page is served by the ferrox command-line program, which the R package does not ",
      "carry (CRAN limits a package's size), and `", cli, "` was not found. Install the Python ",
      "package (`pip install ferrox`) and run `python -m ferrox serve`, or build the program ",
      "from ferrox's source (`cargo install --path crates/cli`) and call serve() again, with ",
      "`cli` naming it if it is not on the PATH"
    ), call, kind = "unsupported")
  }
  args <- c("serve", "--host", host, "--port", format(port, scientific = FALSE), if (open) "--open")
  status <- system2(program, args)
  invisible(identical(as.integer(status), 0L))
}
