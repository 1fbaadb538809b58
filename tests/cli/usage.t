# Usage errors exit 2, name what is wrong, and repeat the synopsis.
$ cosy-load
! Error: missing command
! Usage: cosy-load [OPTIONS] COMMAND
! COMMAND := { load FILE [name NAME] | verify FILE | list | show NAME |
!              run NAME [ENTRY] [FIELD=VALUE]... | unload NAME |
!              gen skeleton FILE [name NAME] | help }
! VALUE   := { INTEGER | str:TEXT | file:PATH }
! OPTIONS := { -j|--json | -p|--pretty | -d|--debug | -t|--time-ms MS |
!              -c|--calls N | -b|--bytes N | -V|--version | -h|--help }
? 2

$ cosy-load frobnicate 2>&1 | sed -n 1p
> Error: unknown command 'frobnicate'
? 2

$ cosy-load load 2>&1 | sed -n 1p
> Error: load: expected FILE [name NAME]
? 2

$ cosy-load load a.bpf.o name 2>&1 | sed -n 1p
> Error: load: expected FILE [name NAME]
? 2

$ cosy-load verify 2>&1 | sed -n 1p
> Error: verify: expected FILE
? 2

$ cosy-load show 2>&1 | sed -n 1p
> Error: show: expected NAME
? 2

$ cosy-load unload a b 2>&1 | sed -n 1p
> Error: unload: expected NAME
? 2

$ cosy-load list extra 2>&1 | sed -n 1p
> Error: list: takes no arguments
? 2

$ cosy-load run 2>&1 | sed -n 1p
> Error: run: expected NAME [ENTRY] [FIELD=VALUE]...
? 2

$ cosy-load --time-ms soon list 2>&1 | sed -n 1p
> Error: --time-ms 'soon': expected milliseconds
? 2

$ cosy-load --calls -5 list 2>&1 | sed -n 1p
> Error: --calls '-5': expected a count
? 2

$ cosy-load --frob 2>/dev/null
? 2
