; Inno Setup script for TAC Desk on Windows (Inno Setup 6: https://jrsoftware.org/isinfo.php).
;
; Build on Windows, from the repository root:
;   1. py -3.11 -m venv .venv && .venv\Scripts\python -m pip install -e ".[installer]"
;   2. .venv\Scripts\python build_installer.py --no-package
;        (makes dist\tac-desk\tac-desk.exe with the .ico from resources\icons and smoke-tests it)
;   3. "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\tac-desk.iss
;        (writes dist\tac-desk-0.1.0-setup.exe; pass the version printed by `tac-desk --version`)
; Per-user install (no administrator rights needed); records stay in the user's data folder on uninstall.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define Root "..\.."

[Setup]
AppId={{6C1F0E5A-6F5B-4C53-9A37-2B7D6C0E7A11}
AppName=TAC Desk
AppVersion={#AppVersion}
AppPublisher=TAC Desk contributors
AppPublisherURL=https://example.org/tac-desk
DefaultDirName={localappdata}\Programs\TAC Desk
DefaultGroupName=TAC Desk
PrivilegesRequired=lowest
OutputDir={#Root}\dist
OutputBaseFilename=tac-desk-{#AppVersion}-setup
SetupIconFile={#Root}\resources\icons\tac-desk.ico
UninstallDisplayIcon={app}\tac-desk.exe
LicenseFile={#Root}\LICENSE
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Files]
Source: "{#Root}\dist\tac-desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\TAC Desk"; Filename: "{app}\tac-desk.exe"; Parameters: "gui"; IconFilename: "{app}\_internal\resources\icons\tac-desk.ico"
Name: "{userdesktop}\TAC Desk"; Filename: "{app}\tac-desk.exe"; Parameters: "gui"; IconFilename: "{app}\_internal\resources\icons\tac-desk.ico"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Registry]
Root: HKCU; Subkey: "Software\Classes\.tacdb"; ValueType: string; ValueData: "TACDesk.Record"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\TACDesk.Record"; ValueType: string; ValueData: "TAC Desk record"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\TACDesk.Record\DefaultIcon"; ValueType: string; ValueData: "{app}\_internal\resources\icons\tac-desk.ico"
Root: HKCU; Subkey: "Software\Classes\TACDesk.Record\shell\open\command"; ValueType: string; ValueData: """{app}\tac-desk.exe"" gui --db ""%1"""

[Run]
Filename: "{app}\tac-desk.exe"; Parameters: "gui"; Description: "Start TAC Desk"; Flags: nowait postinstall skipifsilent
