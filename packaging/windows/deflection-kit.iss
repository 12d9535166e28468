; Inno Setup script for Deflection Kit (Inno Setup 6.3 or newer). packaging\build.py runs it on Windows:
;   ISCC /DAppVersion=0.1.0 /DDistDir=build\dist\deflection-kit /DOutputDir=build
;        /DIconFile=packaging\icons\deflection-kit.ico packaging\windows\deflection-kit.iss
;
; Installs for the current user without administrator rights (a facilitator's laptop is often
; locked down), or for everyone when run as an administrator. An upgrade replaces the program
; files; records in %LOCALAPPDATA%\deflection-kit are never touched, on upgrade or uninstall.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef DistDir
  #define DistDir "..\..\build\dist\deflection-kit"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\build"
#endif
#ifndef IconFile
  #define IconFile "..\icons\deflection-kit.ico"
#endif

[Setup]
; The AppId ties upgrades and the uninstaller together: never change it (packaging/appinfo.py).
AppId={{5B0F3C1E-8D7A-4E55-9C2B-6A1D2F7E4B90}
AppName=Deflection Kit
AppVersion={#AppVersion}
AppVerName=Deflection Kit {#AppVersion}
AppPublisher=Deflection Kit
AppComments=Deliver the course First Responder Deflection: A Warm Handoff to Services in the Community
DefaultDirName={autopf}\Deflection Kit
DefaultGroupName=Deflection Kit
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=deflection-kit-{#AppVersion}-windows-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\DeflectionKit.exe
UninstallDisplayName=Deflection Kit
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running copy before files are replaced (Windows Restart Manager).
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; Remove the previous version's libraries so an upgrade never mixes old and new files.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Deflection Kit"; Filename: "{app}\DeflectionKit.exe"; Comment: "Deliver the First Responder Deflection course"
Name: "{autodesktop}\Deflection Kit"; Filename: "{app}\DeflectionKit.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\DeflectionKit.exe"; Description: "{cm:LaunchProgram,Deflection Kit}"; Flags: nowait postinstall skipifsilent

[Code]
{ After uninstalling, say where the records were left and how to remove them. }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\deflection-kit');
    if DirExists(DataDir) and not UninstallSilent() then
      MsgBox('Deflection Kit was removed. Your records were kept in' + #13#10 + DataDir + #13#10#13#10 +
        'That folder holds the database, its backups, certificate keys and settings. ' +
        'To delete them for good, export or back up what you must keep, then delete the folder.',
        mbInformation, MB_OK);
  end;
end;
