print('tts')
