export const USAGE = `Usage: printreleaf [global options] COMMAND [options]

Global options (before or after the command):
  --data-dir DIR   where the database, secrets and certificates live
  --json           print exactly one JSON document on stdout
  --now ISO-8601   run as if the clock read this instant
  --debug          print a stack trace on failure

Commands:
  config set KEY VALUE | config get [KEY]
  server add --url URL --entity ID [--name NAME] [--ca-file PEM]   (API key from PRINTTRACKER_API_KEY or stdin)
  server list | server check [--id ID] | server remove --id ID | server set-key --id ID
  entities --server ID
  feed add --server ID --entity ID --activation YYYY-MM-DD --scope all|managed [--name NAME] [--email ADDR]
  feed add --server ID --all-unmapped --activation YYYY-MM-DD --scope all|managed
  feed list | feed set --id ID [--name N] [--email E] | feed pause|resume|remove --id ID
  collect [--feed ID]
  health
  runs [--limit N]
  report --month YYYY-MM [--csv FILE]
  certificates issue --month YYYY-MM [--out DIR]   (certify the month: R10; PDFs written to DIR)
  certificates list --month YYYY-MM [--csv FILE]
  certificates send --month YYYY-MM [--feed ID] [--resend]
  certificates export (--month YYYY-MM | --id ID) --out DIR
  serve [--port N] [--demo-if-empty]   (web UI on 127.0.0.1; first line: ui: <URL>)
  demo [--customers N]

Exit status: 0 done · 1 failed · 2 bad usage or rejected input · 3 collect skipped or failed a feed`;
