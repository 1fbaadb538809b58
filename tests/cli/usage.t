# Usage errors exit 2, name what is wrong, and repeat the synopsis.
$ cosy-load
! Error: missing command
! Usage: cosy-load [OPTIONS] COMMAND
! COMMAND := { load FILE [name NAME] | verify FILE | list | show NAME |
!              run NAME [ENTRY] [FIELD=VALUE]... | unload NAME |
!              approve FILE [name NAME] [group GROUP] [user USER]... | revoke NAME |
!              gen skeleton FILE [name NAME] | help }
! VALUE   := { INTEGER | str:TEXT | file:PATH }
! OPTIONS := { -j|--json | -p|--pretty | -d|--debug | -t|--time-ms MS |
!              -c|--calls N | -b|--bytes N | -V|--version | -h|--help }
? 2

$ cosy-load frobnicate
! Error: unknown command 'frobnicate'
! Usage: cosy-load [OPTIONS] COMMAND
! COMMAND := { load FILE [name NAME] | verify FILE | list | show NAME |
!              run NAME [ENTRY] [FIELD=VALUE]... | unload NAME |
!              approve FILE [name NAME] [group GROUP] [user USER]... | revoke NAME |
!              gen skeleton FILE [name NAME] | help }
! VALUE   := { INTEGER | str:TEXT | file:PATH }
! OPTIONS := { -j|--json | -p|--pretty | -d|--debug | -t|--time-ms MS |
!              -c|--calls N | -b|--bytes N | -V|--version | -h|--help }
? 2

$ cosy-load load
! Error: load: expected FILE [name NAME]
! Usage: cosy-load [OPTIONS] COMMAND
! COMMAND := { load FILE [name NAME] | verify FILE | list | show NAME |
!              run NAME [ENTRY] [FIELD=VALUE]... | unload NAME |
!              approve FILE [name NAME] [group GROUP] [user USER]... | revoke NAME |
!              gen skeleton FILE [name NAME] | help }
! VALUE   := { INTEGER | str:TEXT | file:PATH }
! OPTIONS := { -j|--json | -p|--pretty | -d|--debug | -t|--time-ms MS |
!              -c|--calls N | -b|--bytes N | -V|--version | -h|--help }
? 2

$ cosy-load load a.bpf.o name
! Error: load: expected FILE [name NAME]
! Usage: cosy-load [OPTIONS] COMMAND
! COMMAND := { load FILE [name NAME] | verify FILE | list | show NAME |
!              run NAME [ENTRY] [FIELD=VALUE]... | unload NAME |
!              approve FILE [name NAME] [group GROUP] [user USER]... | revoke NAME |
!              gen skeleton FILE [name NAME] | help }
! VALUE   := { INTEGER | str:TEXT | file:PATH }
! OPTIONS := { -j|--json | -p|--pretty | -d|--debug | -t|--time-ms MS |
!              -c|--calls N | -b|--bytes N | -V|--version | -h|--help }
? 2

$ cosy-load verify
! Error: verify: expected FILE
! Usage: cosy-load [OPTIONS] COMMAND
! COMMAND := { load FILE [name NAME] | verify FILE | list | show NAME |
!              run NAME [ENTRY] [FIELD=VALUE]... | unload NAME |
!              approve FILE [name NAME] [group GROUP] [user USER]... | revoke NAME |
!              gen skeleton FILE [name NAME] | help }
! VALUE   := { INTEGER | str:TEXT | file:PATH }
! OPTIONS := { -j|--json | -p|--pretty | -d|--debug | -t|--time-ms MS |
!              -c|--calls N | -b|--bytes N | -V|--version | -h|--help }
? 2

$ cosy-load show
! Error: show: expected NAME
! Usage: cosy-load [OPTIONS] COMMAND
! COMMAND := { load FILE [name NAME] | verify FILE | list | show NAME |
!              run NAME [ENTRY] [FIELD=VALUE]... | unload NAME |
!              approve FILE [name NAME] [group GROUP] [user USER]... | revoke NAME |
!              gen skeleton FILE [name NAME] | help }
! VALUE   := { INTEGER | str:TEXT | file:PATH }
! OPTIONS := { -j|--json | -p|--pretty | -d|--debug | -t|--time-ms MS |
!              -c|--calls N | -b|--bytes N | -V|--version | -h|--help }
? 2

$ cosy-load unload a b
! Error: unload: expected NAME
! Usage: cosy-load [OPTIONS] COMMAND
! COMMAND := { load FILE [name NAME] | verify FILE | list | show NAME |
!              run NAME [ENTRY] [FIELD=VALUE]... | unload NAME |
!              approve FILE [name NAME] [group GROUP] [user USER]... | revoke NAME |
!              gen skeleton FILE [name NAME] | help }
! VALUE   := { INTEGER | str:TEXT | file:PATH }
! OPTIONS := { -j|--json | -p|--pretty | -d|--debug | -t|--time-ms MS |
!              -c|--calls N | -b|--bytes N | -V|--version | -h|--help }
? 2

$ cosy-load list extra
! Error: list: takes no arguments
! Usage: cosy-load [OPTIONS] COMMAND
! COMMAND := { load FILE [name NAME] | verify FILE | list | show NAME |
!              run NAME [ENTRY] [FIELD=VALUE]... | unload NAME |
!              approve FILE [name NAME] [group GROUP] [user USER]... | revoke NAME |
!              gen skeleton FILE [name NAME] | help }
! VALUE   := { INTEGER | str:TEXT | file:PATH }
! OPTIONS := { -j|--json | -p|--pretty | -d|--debug | -t|--time-ms MS |
!              -c|--calls N | -b|--bytes N | -V|--version | -h|--help }
? 2

$ cosy-load run
! Error: run: expected NAME [ENTRY] [FIELD=VALUE]...
! Usage: cosy-load [OPTIONS] COMMAND
! COMMAND := { load FILE [name NAME] | verify FILE | list | show NAME |
!              run NAME [ENTRY] [FIELD=VALUE]... | unload NAME |
!              approve FILE [name NAME] [group GROUP] [user USER]... | revoke NAME |
!              gen skeleton FILE [name NAME] | help }
! VALUE   := { INTEGER | str:TEXT | file:PATH }
! OPTIONS := { -j|--json | -p|--pretty | -d|--debug | -t|--time-ms MS |
!              -c|--calls N | -b|--bytes N | -V|--version | -h|--help }
? 2

$ cosy-load --time-ms soon list
! Error: --time-ms 'soon': expected milliseconds
! Usage: cosy-load [OPTIONS] COMMAND
! COMMAND := { load FILE [name NAME] | verify FILE | list | show NAME |
!              run NAME [ENTRY] [FIELD=VALUE]... | unload NAME |
!              approve FILE [name NAME] [group GROUP] [user USER]... | revoke NAME |
!              gen skeleton FILE [name NAME] | help }
! VALUE   := { INTEGER | str:TEXT | file:PATH }
! OPTIONS := { -j|--json | -p|--pretty | -d|--debug | -t|--time-ms MS |
!              -c|--calls N | -b|--bytes N | -V|--version | -h|--help }
? 2

$ cosy-load --calls -5 list
! Error: --calls '-5': expected a count
! Usage: cosy-load [OPTIONS] COMMAND
! COMMAND := { load FILE [name NAME] | verify FILE | list | show NAME |
!              run NAME [ENTRY] [FIELD=VALUE]... | unload NAME |
!              approve FILE [name NAME] [group GROUP] [user USER]... | revoke NAME |
!              gen skeleton FILE [name NAME] | help }
! VALUE   := { INTEGER | str:TEXT | file:PATH }
! OPTIONS := { -j|--json | -p|--pretty | -d|--debug | -t|--time-ms MS |
!              -c|--calls N | -b|--bytes N | -V|--version | -h|--help }
? 2

$ cosy-load --frob 2>/dev/null
? 2
