@echo off
rem Berth from a source checkout on Windows: needs JAVA_HOME pointing at a JDK 25 or newer.
setlocal
set "ROOT=%~dp0"
if "%JAVA_HOME%"=="" (
  echo berth: JAVA_HOME is not set. Install a JDK 25 ^(https://adoptium.net^) and set JAVA_HOME to its folder. 1>&2
  exit /b 2
)
findstr /r /c:"JAVA_VERSION=\"2[5-9]" /c:"JAVA_VERSION=\"[3-9][0-9]" "%JAVA_HOME%\release" >nul 2>&1
if errorlevel 1 (
  echo berth: JAVA_HOME ^(%JAVA_HOME%^) is not a JDK 25 or newer. Install one from https://adoptium.net 1>&2
  exit /b 2
)
set "STALE="
if not exist "%ROOT%target\berth.jar" set STALE=1
if not defined STALE (
  for /f %%i in ('powershell -NoProfile -Command "$j=(Get-Item '%ROOT%target\berth.jar').LastWriteTime; @(Get-ChildItem -Recurse '%ROOT%src\main','%ROOT%pom.xml' | Where-Object { $_.LastWriteTime -gt $j }).Count"') do if not "%%i"=="0" set STALE=1
)
if defined STALE (
  echo berth: building ... 1>&2
  call "%ROOT%mvnw.cmd" -B -q -DskipTests -Dspotless.check.skip=true -f "%ROOT%pom.xml" package 1>&2
  if errorlevel 1 (
    echo berth: the build failed; see the Maven output above. 1>&2
    exit /b 1
  )
)
"%JAVA_HOME%\bin\java" --enable-native-access=ALL-UNNAMED %BERTH_JAVA_OPTS% -cp "%ROOT%target\berth.jar;%ROOT%target\lib\*" dev.berth.Main %*
